package io.llmload.runner.slo;

import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.GoodputThresholds;
import io.llmload.runner.metrics.LatencyMetric;
import io.llmload.runner.spec.SloSpec;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Goodput: requests/s that succeeded and whose own latencies each stayed within the SLO. A request's limit for a
 * metric is that metric's largest target in {@code spec.slo} (a request slower than every target cannot count as good).
 *
 * <p>The exact count needs each request's values together, so the engine makes it while recording, with the limits
 * of {@link #thresholds} (TTFT, TPOT, E2E, and ITL as the request's mean per-token ITL).
 *
 * <p>From the histograms alone only an upper bound is possible ({@link #upperBoundCount}, TTFT, TPOT and E2E): they
 * record each metric separately, so how many requests met all limits at once is not recoverable — only, per metric,
 * how many met that one. A request that met every limit met each of them, so for every metric m: good ≤ within(m) +
 * (successes without a value for m); the minimum over metrics bounds good from above, and is exact whenever one
 * metric alone decides. It still judges stored histograms against any SLO, after the fact.
 */
public final class Goodput {

    private static final LatencyMetric[] PER_REQUEST = { LatencyMetric.TTFT, LatencyMetric.TPOT, LatencyMetric.E2E };

    private final Map<LatencyMetric, Double> thresholdsMs = new EnumMap<>(LatencyMetric.class);

    public Goodput(SloSpec slo) {
        for (SloTarget target : SloJudge.targets(slo)) {
            for (LatencyMetric metric : PER_REQUEST) {
                if (metric.key().equals(target.metric())) {
                    thresholdsMs.merge(metric, target.limit(), Math::max);
                }
            }
        }
    }

    /**
     * The per-request limits the engine judges each request by, for the exact goodput: per metric (TTFT, ITL as the
     * request's mean per-token ITL, TPOT, E2E) the largest of its percentile targets, as for the bound. Recorded at
     * measurement time because only then are a request's values known together.
     */
    public static GoodputThresholds thresholds(SloSpec slo) {
        Map<String, Double> largestMs = new HashMap<>();
        for (SloTarget target : SloJudge.targets(slo)) {
            if (!target.isErrorRate()) {
                largestMs.merge(target.metric(), target.limit(), Math::max);
            }
        }
        return new GoodputThresholds(micros(largestMs, "ttft"), micros(largestMs, "itl"), micros(largestMs, "tpot"),
                micros(largestMs, "e2e"));
    }

    private static long micros(Map<String, Double> limitsMs, String metric) {
        Double ms = limitsMs.get(metric);
        return ms == null ? -1 : Math.round(ms * 1000);
    }

    /** Requests that may have met every per-request threshold (at the histograms' 3-significant-digit resolution). */
    public long upperBoundCount(CellStats stats) {
        long bound = stats.succeeded();
        for (Map.Entry<LatencyMetric, Double> e : thresholdsMs.entrySet()) {
            Histogram h = stats.histogram(e.getKey());
            long micros = Math.round(e.getValue() * 1000);
            long within = h.getTotalCount() == 0 ? 0 : h.getCountBetweenValues(0, micros);
            bound = Math.min(bound, within + Math.max(0, stats.succeeded() - h.getTotalCount()));
        }
        return bound;
    }

    /** {@link #upperBoundCount} per second of the scope. */
    public double upperBoundPerSecond(CellStats stats, double seconds) {
        return upperBoundCount(stats) / Math.max(seconds, 1e-9);
    }
}
