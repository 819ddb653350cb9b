package io.llmload.runner.slo;

import io.llmload.runner.report.Percentiles;

/**
 * Seed 002's consistency signal: p99 / p50 of one latency. Below 2× most users get the same experience; above 5×
 * something queues or times out. The ratio is judged only when the p99 itself reaches {@link #FLOOR_P99_MS}: a wide
 * spread of small latencies (p50 30 ms, p99 270 ms) is no incident, and seed 002's examples are in seconds.
 */
public enum HealthBand {
    HEALTHY, WARN, CRITICAL;

    static final double WARN_RATIO = 2.0;
    static final double CRITICAL_RATIO = 5.0;
    /**
     * One second: the limit under which a wait keeps a user's flow of thought (Nielsen's response-time limits), so a
     * p99 below it is healthy however large its ratio to the median.
     */
    public static final double FLOOR_P99_MS = 1_000;

    /** Healthy below 2, warn from 2 to 5 inclusive, critical above 5 — regardless of absolute latency. */
    public static HealthBand of(double p99OverP50) {
        if (p99OverP50 < WARN_RATIO) {
            return HEALTHY;
        }
        return p99OverP50 <= CRITICAL_RATIO ? WARN : CRITICAL;
    }

    /** The band of a latency: healthy while its p99 is under the floor, else by {@link #of(double) the ratio}. */
    public static HealthBand of(double p99OverP50, double p99Ms) {
        return belowFloor(p99Ms) ? HEALTHY : of(p99OverP50);
    }

    /** Whether a p99 is too small for its spread to matter (the band is healthy whatever the ratio). */
    public static boolean belowFloor(double p99Ms) {
        return p99Ms < FLOOR_P99_MS;
    }

    /** The p99/p50 ratio, or null without samples (or a zero median, where a ratio means nothing). */
    public static Double ratio(Percentiles p) {
        if (p == null || p.p50() <= 0) {
            return null;
        }
        return Math.round(p.p99() / p.p50() * 100) / 100.0;
    }

    public String label() {
        return name().toLowerCase();
    }
}
