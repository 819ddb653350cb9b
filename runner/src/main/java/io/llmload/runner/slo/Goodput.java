package io.llmload.runner.slo;

import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.LatencyMetric;
import io.llmload.runner.spec.SloSpec;
import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * An upper bound on goodput: requests/s that succeeded and whose own TTFT, TPOT and E2E each stayed within the SLO.
 * A request's threshold for a metric is that metric's largest target in {@code spec.slo} (a request slower than
 * every target cannot count as good). ITL is a per-gap series, not per-request, so it takes no part.
 *
 * <p>Why a bound and not the exact value: the histograms record each metric separately, so how many requests met
 * all thresholds at once is not recoverable from them — only, per metric, how many met that one. A request that met
 * every threshold met each of them, so for every metric m: good ≤ within(m) + (successes without a value for m);
 * the minimum over metrics bounds good from above, and is exact whenever one metric alone decides.
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
