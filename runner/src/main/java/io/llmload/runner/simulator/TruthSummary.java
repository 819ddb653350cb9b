package io.llmload.runner.simulator;

import io.llmload.runner.metrics.Histograms;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The simulator's ground truth of a whole session as a small JSON document: streamed requests that produced tokens,
 * TTFT (request received → first chunk written) and the gaps between written chunks, p50/p99 in ms from
 * HdrHistograms. What {@code llmload simulate --truth-out} writes, so a benchmark can hold any client's numbers
 * against what the server did.
 */
public final class TruthSummary {

    private TruthSummary() {
    }

    public static String json(List<RequestTruth> truths) {
        Histogram ttft = Histograms.create();
        Histogram itl = Histograms.create();
        long streams = 0;
        for (RequestTruth truth : truths) {
            if (!truth.stream() || truth.fault() != null || truth.ttftNanos() < 0) {
                continue;
            }
            streams++;
            Histograms.recordNanos(ttft, truth.ttftNanos());
            for (long gap : truth.interTokenGapsNanos()) {
                Histograms.recordNanos(itl, gap);
            }
        }
        return String.format(Locale.ROOT, "{\"streams\":%d,\"ttftMs\":%s,\"itlMs\":%s}%n", streams, percentiles(ttft),
                percentiles(itl));
    }

    private static String percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "null";
        }
        return String.format(Locale.ROOT, "{\"p50\":%.3f,\"p99\":%.3f,\"count\":%d}", h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getTotalCount());
    }
}
