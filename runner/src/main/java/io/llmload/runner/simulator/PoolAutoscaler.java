package io.llmload.runner.simulator;

import java.util.ArrayDeque;

/**
 * The scaling decisions of an {@link EnginePool}, without threads or clocks so they can be tested tick by tick: each
 * {@link #next} records the policy's recommendation and applies the stabilization windows — a scale-up to the lowest
 * recommendation in force during the last {@code decisionDelay}, a scale-down to the highest during the last
 * {@code scaleDownDelay} (like the HPA's {@code behavior.*.stabilizationWindowSeconds}).
 */
final class PoolAutoscaler {

    private record Recommendation(long atNanos, int replicas) {
    }

    private final ScalingPolicy policy;
    private final long upWindowNanos;
    private final long downWindowNanos;
    private final ArrayDeque<Recommendation> history = new ArrayDeque<>();

    /** Starts with the initial replicas as the recommendation in force, so a window is never judged half-empty. */
    PoolAutoscaler(ScalingPolicy policy, long startNanos, int initialReplicas) {
        this.policy = policy;
        this.upWindowNanos = policy.decisionDelay().toNanos();
        this.downWindowNanos = policy.scaleDownDelay().toNanos();
        history.add(new Recommendation(startNanos, initialReplicas));
    }

    /**
     * The desired replicas after this evaluation.
     *
     * @param sum the metric summed over Ready engines
     * @param desired the replicas desired until now
     */
    int next(long nowNanos, double sum, int desired) {
        history.add(new Recommendation(nowNanos, policy.recommend(sum, desired)));
        prune(nowNanos - Math.max(upWindowNanos, downWindowNanos));
        int up = extreme(nowNanos - upWindowNanos, true);
        if (up > desired) {
            return up;
        }
        int down = extreme(nowNanos - downWindowNanos, false);
        return Math.min(desired, down);
    }

    /** The lowest (or highest) recommendation in force at some time in [since, now]. */
    private int extreme(long since, boolean lowest) {
        int result = lowest ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        Recommendation inForce = null;
        for (Recommendation r : history) {
            if (r.atNanos() <= since) {
                inForce = r; // the latest one at or before the window's start was in force when it began
                continue;
            }
            result = lowest ? Math.min(result, r.replicas()) : Math.max(result, r.replicas());
        }
        if (inForce != null) {
            result = lowest ? Math.min(result, inForce.replicas()) : Math.max(result, inForce.replicas());
        }
        return result;
    }

    /** Drops recommendations older than the one in force at {@code horizon}: no window reaches further back. */
    private void prune(long horizon) {
        while (history.size() >= 2) {
            Recommendation oldest = history.pollFirst();
            if (history.peekFirst().atNanos() > horizon) {
                history.addFirst(oldest);
                return;
            }
        }
    }
}
