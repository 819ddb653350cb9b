package io.llmload.runner.slo;

import io.llmload.runner.report.Percentiles;

/**
 * Seed 002's consistency signal: p99 / p50 of one latency. Below 2× most users get the same experience; above 5×
 * something queues or times out.
 */
public enum HealthBand {
    HEALTHY, WARN, CRITICAL;

    static final double WARN_RATIO = 2.0;
    static final double CRITICAL_RATIO = 5.0;

    /** Healthy below 2, warn from 2 to 5 inclusive, critical above 5. */
    public static HealthBand of(double p99OverP50) {
        if (p99OverP50 < WARN_RATIO) {
            return HEALTHY;
        }
        return p99OverP50 <= CRITICAL_RATIO ? WARN : CRITICAL;
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
