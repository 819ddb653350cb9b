package io.llmload.runner.plan;

/**
 * One resolved stage on the test's timeline. Offsets are nanoseconds from the test start. The level goes linearly
 * from {@code fromLevel} to {@code toLevel} (equal for a flat stage).
 */
public record PlannedStage(int index, String name, long startNanos, long durationNanos, double fromLevel,
        double toLevel, boolean warmup) {

    public long endNanos() {
        return startNanos + durationNanos;
    }

    public double levelAt(long offsetNanos) {
        double progress = Math.min(1.0, Math.max(0.0, (offsetNanos - startNanos) / (double) durationNanos));
        return fromLevel + (toLevel - fromLevel) * progress;
    }

    /** The level reports name the stage by: its end level (a ramp to 32 users is "32 users"). */
    public double level() {
        return toLevel;
    }

    public double durationSeconds() {
        return durationNanos / 1e9;
    }
}
