package io.llmload.runner.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How the simulator's engine pool scales, like a HorizontalPodAutoscaler on a per-pod metric: every {@code interval}
 * it recommends {@code ceil(sum of the metric over Ready engines / target)} replicas (unchanged within a 10%
 * tolerance; engines still starting count as 0, as the HPA counts unready pods on a scale-up), clamped to
 * [min, max]. A scale-up takes the lowest recommendation of the last {@code decisionDelay} (it must hold that long),
 * a scale-down the highest of the last {@code scaleDownDelay} — the HPA's stabilization windows. A new engine is
 * Ready {@code coldStart} after the decision (the model load).
 */
public record ScalingPolicy(int minReplicas, int maxReplicas, ScalingMetric metric, double target, Duration interval,
        Duration decisionDelay, Duration coldStart, Duration scaleDownDelay) {

    /** The HPA's default tolerance: no change while the metric is within 10% of the target. */
    public static final double TOLERANCE = 0.1;

    public ScalingPolicy {
        Objects.requireNonNull(metric, "metric");
        if (minReplicas < 1 || maxReplicas < minReplicas || !(target > 0)) {
            throw new IllegalArgumentException("invalid scaling policy: 1 <= min <= max and target > 0 required");
        }
        for (Duration d : new Duration[] { interval, decisionDelay, coldStart, scaleDownDelay }) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("scaling policy durations must be >= 0");
            }
        }
        if (interval.isZero()) {
            throw new IllegalArgumentException("the autoscaler interval must be positive");
        }
    }

    /** The same policy with every delay multiplied by {@code factor} (the CLI's --duration-scale). */
    public ScalingPolicy scaled(double factor) {
        return new ScalingPolicy(minReplicas, maxReplicas, metric, target,
                Duration.ofMillis(Math.max(1, Math.round(interval.toMillis() * factor))),
                scale(decisionDelay, factor), scale(coldStart, factor), scale(scaleDownDelay, factor));
    }

    private static Duration scale(Duration d, double factor) {
        return Duration.ofMillis(Math.round(d.toMillis() * factor));
    }

    /** The replicas the metric's sum over Ready engines asks for, given the current desired count. */
    int recommend(double sum, int currentDesired) {
        double ratio = sum / (currentDesired * target);
        int wanted = Math.abs(ratio - 1) <= TOLERANCE ? currentDesired : (int) Math.ceil(sum / target - 1e-9);
        return Math.max(minReplicas, Math.min(maxReplicas, wanted));
    }
}
