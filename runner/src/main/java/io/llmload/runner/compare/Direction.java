package io.llmload.runner.compare;

/** Which way a metric improves. */
public enum Direction {
    /** Latency, errors, cost. */
    LOWER_IS_BETTER,
    /** Throughput, goodput, capacity. */
    HIGHER_IS_BETTER,
    /** Counts that depend on the plan (requests, level): shown, not judged. */
    NEUTRAL;

    /**
     * Relative differences below this are marked {@link Change#SAME}: run-to-run noise of a load test is larger than
     * that, so calling a 0.3 % difference "better" would mislead.
     */
    public static final double NOISE_PERCENT = 1.0;

    /** The change from {@code a} to {@code b}; null when neutral or either value is missing. */
    public Change judge(Double a, Double b) {
        if (this == NEUTRAL || a == null || b == null) {
            return null;
        }
        double diff = b - a;
        boolean noise = a == 0 ? diff == 0 : Math.abs(diff / a) * 100 < NOISE_PERCENT;
        if (noise) {
            return Change.SAME;
        }
        return (diff < 0) == (this == LOWER_IS_BETTER) ? Change.BETTER : Change.WORSE;
    }
}
