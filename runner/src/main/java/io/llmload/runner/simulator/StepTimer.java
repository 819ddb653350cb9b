package io.llmload.runner.simulator;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Step cost model and drift-free pacing. Deadlines are absolute ({@code deadline = previousDeadline + duration}), so
 * wake-up jitter does not accumulate; if the scheduler fell behind by more than {@link #MAX_LAG_NANOS} (e.g. the
 * thread was descheduled), the next step is re-anchored to now instead of bursting to catch up — a real GPU would
 * not have produced those tokens either.
 */
final class StepTimer {

    static final long MAX_LAG_NANOS = 1_000_000;

    private final SimulatorProfile profile;
    private long lastDeadline = Long.MIN_VALUE;

    StepTimer(SimulatorProfile profile) {
        this.profile = profile;
    }

    /** Duration of one step in nanoseconds. */
    static long stepNanos(SimulatorProfile p, long kvTokensRunning, int running, long prefillTokens) {
        double micros = p.decodeStepBaseMicros() + p.decodeMicrosPerKvToken() * kvTokensRunning
                + p.decodeMicrosPerSequence() * running + prefillTokens / p.prefillTokensPerSecond() * 1e6;
        return Math.round(micros * 1_000.0);
    }

    long stepNanos(long kvTokensRunning, int running, long prefillTokens) {
        return stepNanos(profile, kvTokensRunning, running, prefillTokens);
    }

    /** Deadline of a step of {@code durationNanos} starting now or where the previous step ended. */
    long nextDeadline(long nowNanos, long durationNanos) {
        long start = lastDeadline;
        if (lastDeadline == Long.MIN_VALUE || nowNanos - lastDeadline > MAX_LAG_NANOS) {
            start = nowNanos;
        }
        lastDeadline = start + durationNanos;
        return lastDeadline;
    }

    /** Forget the anchor after an idle period: the next step starts when work arrives. */
    void reset() {
        lastDeadline = Long.MIN_VALUE;
    }

    /**
     * Parks until {@code deadline}; returns early only if {@code stop} says so. Bounded: each park is at most the
     * remaining time, and spurious wake-ups just re-check.
     */
    static void parkUntil(long deadline, BooleanSupplier stop) {
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            if (stop.getAsBoolean()) {
                return;
            }
            LockSupport.parkNanos(remaining);
        }
    }
}
