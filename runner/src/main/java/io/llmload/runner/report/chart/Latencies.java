package io.llmload.runner.report.chart;

import io.llmload.runner.report.IntervalPercentiles;
import io.llmload.runner.report.TimelinePoint;
import java.util.function.Function;

/**
 * The latencies the charts show: report key stem (as in {@code ttftMs}; also the histogram key), title, and how a
 * timeline point holds it — its interval percentiles, and the p95 field of older reports. A new latency is one line.
 */
enum Latencies {
    TTFT("ttft", "Time to first token (TTFT)", TimelinePoint::ttftMs, TimelinePoint::ttftP95Ms),
    ITL("itl", "Inter-token latency (ITL)", TimelinePoint::itlMs, p -> null),
    E2E("e2e", "End-to-end latency (E2E)", TimelinePoint::e2eMs, TimelinePoint::e2eP95Ms);

    final String key;
    final String title;
    final Function<TimelinePoint, IntervalPercentiles> interval;
    private final Function<TimelinePoint, Double> legacyP95;

    Latencies(String key, String title, Function<TimelinePoint, IntervalPercentiles> interval,
            Function<TimelinePoint, Double> legacyP95) {
        this.key = key;
        this.title = title;
        this.interval = interval;
        this.legacyP95 = legacyP95;
    }

    /** The interval's p95, also from reports written before interval p50/p99 were kept. */
    Double p95(TimelinePoint p) {
        IntervalPercentiles i = interval.apply(p);
        return i != null ? Double.valueOf(i.p95()) : legacyP95.apply(p);
    }
}
