package io.llmload.runner.plan;

/**
 * One resolved stage on the test's timeline. Offsets are nanoseconds from the test start. The level goes linearly
 * from {@code fromLevel} to {@code toLevel} (equal for a flat stage).
 */
public record PlannedStage(int index, String name, long startNanos, long durationNanos, double fromLevel,
        double toLevel, boolean warmup) {

    /**
     * A ramp is judged in this many windows of equal length, so that a capacity claim never exceeds a level the ramp
     * actually held (a 0 → 200-user ramp that passes held 160 users or more only in its last fifth).
     */
    public static final int RAMP_WINDOWS = 5;

    public boolean ramp() {
        return fromLevel != toLevel;
    }

    /** Judgement windows: {@link #RAMP_WINDOWS} for a ramp, 1 (the whole stage) otherwise. */
    public int windows() {
        return ramp() && !warmup ? RAMP_WINDOWS : 1;
    }

    /** The window an offset falls in (offsets outside the stage belong to its first or last window). */
    public int windowAt(long offsetNanos) {
        long into = offsetNanos - startNanos;
        int window = (int) Math.floor(into * (double) windows() / durationNanos);
        return Math.max(0, Math.min(windows() - 1, window));
    }

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
