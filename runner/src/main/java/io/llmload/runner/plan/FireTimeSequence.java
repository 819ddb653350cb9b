package io.llmload.runner.plan;

import java.util.SplittableRandom;

/**
 * Intended send times of the open model, precomputed from the plan so that latency can be measured from when a
 * request <em>should</em> have been sent (no coordinated omission). Works in the plan's cumulative-intensity space:
 * Λ(t) = ∫ rate: the plan's {@link ArrivalProcess} says how far apart arrivals are in Λ, and each step is mapped back
 * to time through the (piecewise-linear) rate, which handles ramps exactly.
 */
public final class FireTimeSequence {

    private final LoadPlan plan;
    private final RunnerShare share;
    private final double rateFactor;
    private final SplittableRandom random;
    private final ArrivalProcess arrivals;
    private int stageIndex;
    /** Intensity already consumed inside the current stage. */
    private double consumedInStage;
    private boolean started;

    /** @param share which runner of how many this is: it produces its share of the rate */
    public FireTimeSequence(LoadPlan plan, RunnerShare share, long seed) {
        this.plan = plan;
        this.share = share;
        this.rateFactor = share.rate(1.0);
        this.random = new SplittableRandom(seed);
        this.arrivals = plan.arrival();
    }

    /** The next intended send time in nanoseconds from the test start, or -1 when the plan has ended. */
    public long nextFireTimeNanos() {
        // Each arrival lies in [start, end) of its stage.
        double step = started ? arrivals.nextStep(random) : arrivals.firstStep(random, share);
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
