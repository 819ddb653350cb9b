package io.llmload.runner.autoscaling;

import io.llmload.runner.slo.Tier;
import java.util.ArrayList;
import java.util.List;

/**
 * What users saw around one scaling event, interval by interval on the latency objective (e.g. TTFT p95 against its
 * SLO): when it left Normal (for {@value #DEGRADED_INTERVALS} intervals in a row at least: one slow request in a quiet
 * second is no degradation), when it came back (the first of {@value #RECOVERY_INTERVALS} Normal intervals in a row),
 * the worst tier and value in between. Times in seconds from the run's start, each precise to one interval; null
 * {@code degradedAtSeconds}: it stayed Normal; null {@code recoveredAtSeconds}: it had not recovered when the load
 * changed again or the run ended ({@code degradedSeconds} then counts up to there).
 */
public record LatencyEffect(String metric, double targetMs, Double degradedAtSeconds, Double recoveredAtSeconds,
        Double degradedSeconds, String worstTier, Double worstMs) {

    /** Normal intervals in a row that make a recovery, so one lucky interval does not. */
    static final int RECOVERY_INTERVALS = 3;
    /** Intervals in a row outside Normal that make a degradation. */
    static final int DEGRADED_INTERVALS = 2;

    /**
     * The effect inside [from, limit), or null when no interval there has a value.
     *
     * @param limit where the next load change (or the run's end) makes further latency someone else's doing
     */
    static LatencyEffect measure(IntervalSeries series, LatencyTarget target, double from, double limit) {
        List<Integer> valued = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            double mid = series.midpoint(i);
            if (mid >= from && mid < limit && series.value(i) != null) {
                valued.add(i);
            }
        }
        if (valued.isEmpty()) {
            return null;
        }
        int degraded = -1;
        for (int k = 0; k + DEGRADED_INTERVALS <= valued.size() && degraded < 0; k++) {
            if (run(series, target, valued, k, DEGRADED_INTERVALS, false)) {
                degraded = k;
            }
        }
        if (degraded < 0) {
            return new LatencyEffect(target.label(), target.limitMs(), null, null, null, Tier.NORMAL.label(),
                    round(valued.stream().mapToDouble(series::value).max().orElse(0)));
        }
        int recovered = recovery(series, target, valued, degraded);
        int endOfBad = recovered < 0 ? valued.size() : recovered;
        Tier worst = Tier.NORMAL;
        double worstMs = 0;
        for (int k = degraded; k < endOfBad; k++) {
            double v = series.value(valued.get(k));
            Tier tier = target.tierOf(v);
            worst = tier.ordinal() > worst.ordinal() ? tier : worst;
            worstMs = Math.max(worstMs, v);
        }
        double degradedAt = series.start(valued.get(degraded));
        Double recoveredAt = recovered < 0 ? null : series.start(valued.get(recovered));
        double until = recoveredAt != null ? recoveredAt : Math.min(limit, lastEnd(series, valued));
        return new LatencyEffect(target.label(), target.limitMs(), round(degradedAt), recoveredAt == null ? null
                : round(recoveredAt), round(until - degradedAt), worst.label(), round(worstMs));
    }

    /** The first Normal interval after {@code degraded} followed by enough Normal ones (or by the end), or -1. */
    private static int recovery(IntervalSeries series, LatencyTarget target, List<Integer> valued, int degraded) {
        for (int k = degraded + 1; k < valued.size(); k++) {
            if (run(series, target, valued, k, RECOVERY_INTERVALS, true)) {
                return k;
            }
        }
        return -1;
    }

    /** Whether the valued intervals from {@code k} on (at most {@code length}, fewer at the end) are all (not) Normal. */
    private static boolean run(IntervalSeries series, LatencyTarget target, List<Integer> valued, int k, int length,
            boolean normal) {
        for (int n = k; n < Math.min(valued.size(), k + length); n++) {
            if ((target.tierOf(series.value(valued.get(n))) == Tier.NORMAL) != normal) {
                return false;
            }
        }
        return true;
    }

    private static double lastEnd(IntervalSeries series, List<Integer> valued) {
        int last = valued.get(valued.size() - 1);
        return series.start(last) + series.seconds(last);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
