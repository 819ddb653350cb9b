package io.llmload.runner.autoscaling;

import io.llmload.runner.metrics.LatencyMetric;
import io.llmload.runner.slo.Tier;
import io.llmload.runner.spec.Durations;
import io.llmload.runner.spec.PercentileTargets;
import io.llmload.runner.spec.SloSpec;
import java.time.Duration;
import java.util.Locale;

/**
 * The latency objective that says, interval by interval, whether users are served well: TTFT p95 when spec.slo has
 * it, else the first other TTFT percentile, else E2E, ITL, TPOT. Its tier per interval is Normal up to the target,
 * Degraded up to the degraded factor times it (default 4, spec.slo.tiers), Breach above — the latency half of the
 * seed-001 tiers.
 */
record LatencyTarget(LatencyMetric metric, String percentile, double limitMs, double degradedFactor) {

    static final double DEFAULT_DEGRADED_FACTOR = 4.0;
    private static final String[] PERCENTILES = { "p95", "p99", "p90", "p50" };

    /** The objective to follow, or null when spec.slo has no latency target. */
    static LatencyTarget of(SloSpec slo) {
        if (slo == null) {
            return null;
        }
        double factor = slo.tiers() != null && slo.tiers().degradedFactor() != null ? slo.tiers().degradedFactor()
                : DEFAULT_DEGRADED_FACTOR;
        LatencyMetric[] metrics = { LatencyMetric.TTFT, LatencyMetric.E2E, LatencyMetric.ITL, LatencyMetric.TPOT };
        PercentileTargets[] targets = { slo.ttft(), slo.e2e(), slo.itl(), slo.tpot() };
        for (int m = 0; m < metrics.length; m++) {
            PercentileTargets t = targets[m];
            if (t == null) {
                continue;
            }
            String[] values = { t.p95(), t.p99(), t.p90(), t.p50() };
            for (int p = 0; p < PERCENTILES.length; p++) {
                if (values[p] != null) {
                    double ms = Durations.parseOr(values[p], Duration.ZERO).toMillis();
                    return new LatencyTarget(metrics[m], PERCENTILES[p], ms, factor);
                }
            }
        }
        return null;
    }

    double percentileValue() {
        return Double.parseDouble(percentile.substring(1));
    }

    Tier tierOf(double observedMs) {
        if (observedMs <= limitMs) {
            return Tier.NORMAL;
        }
        return observedMs <= limitMs * degradedFactor ? Tier.DEGRADED : Tier.BREACH;
    }

    /** "TTFT p95", as sentences name it. */
    String label() {
        return metric.key().toUpperCase(Locale.ROOT) + " " + percentile;
    }
}
