package io.llmload.runner.plan;

import java.util.SplittableRandom;

/**
 * Intended send times of the open model, precomputed from the plan so that latency can be measured from when a
 * request <em>should</em> have been sent (no coordinated omission). Works in the plan's cumulative-intensity space:
 * Λ(t) = ∫ rate. Poisson arrivals are unit-mean exponential steps in Λ, constant ones unit steps; each step is mapped
 * back to time through the (piecewise-linear) rate, which handles ramps exactly.
 */
public final class FireTimeSequence {

    private final LoadPlan plan;
    private final double rateFactor;
    private final SplittableRandom random;
    private final boolean poisson;
    private int stageIndex;
    /** Intensity already consumed inside the current stage. */
    private double consumedInStage;
    private boolean started;

    /**
     * @param rateFactor share of the plan's rate this runner produces (1 for a sole runner)
     */
    public FireTimeSequence(LoadPlan plan, double rateFactor, long seed) {
        this.plan = plan;
        this.rateFactor = rateFactor;
        this.random = new SplittableRandom(seed);
        this.poisson = plan.arrival() == ArrivalProcess.POISSON;
    }

    /** The next intended send time in nanoseconds from the test start, or -1 when the plan has ended. */
    public long nextFireTimeNanos() {
        // Constant arrivals start at the stage's first instant (as k6's constant-arrival-rate does); Poisson ones
        // after an exponential gap. Each arrival lies in [start, end) of its stage.
        double step = poisson ? -Math.log(1.0 - random.nextDouble()) : started ? 1.0 : 0.0;
        started = true;
        double need = consumedInStage + step;
        while (stageIndex < plan.stages().size()) {
            PlannedStage stage = plan.stages().get(stageIndex);
            double a = stage.fromLevel() * rateFactor;
            double b = stage.toLevel() * rateFactor;
            double seconds = stage.durationSeconds();
            double total = (a + b) / 2 * seconds;
            if (need < total) {
                consumedInStage = need;
                return stage.startNanos() + Math.round(timeForIntensity(a, b, seconds, need) * 1e9);
            }
            need -= total;
            consumedInStage = 0;
            stageIndex++;
        }
        return -1;
    }

    /** Solves a·τ + (b−a)/(2D)·τ² = need for τ in [0, D]. */
    static double timeForIntensity(double a, double b, double duration, double need) {
        if (need <= 0) {
            return 0;
        }
        double k = (b - a) / (2 * duration);
        if (Math.abs(k) < 1e-12) {
            return need / a;
        }
        double discriminant = Math.max(0, a * a + 4 * k * need);
        // The numerically stable root form avoids cancellation when k is tiny.
        double tau = 2 * need / (a + Math.sqrt(discriminant));
        return Math.min(duration, Math.max(0, tau));
    }
}
