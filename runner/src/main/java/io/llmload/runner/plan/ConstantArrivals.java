package io.llmload.runner.plan;

import java.util.SplittableRandom;

/**
 * Evenly spaced arrivals: unit steps in intensity. The first arrival comes at the stage's first instant, as in k6's
 * constant-arrival-rate — for runner 0. Runner i of N starts i/N of a step later: each runner sends 1/N of the rate,
 * so their arrivals interleave into one even sequence instead of N arriving together.
 */
final class ConstantArrivals implements ArrivalProcess {

    @Override
    public String name() {
        return "constant";
    }

    @Override
    public double firstStep(SplittableRandom random, RunnerShare share) {
        return share.index() / (double) share.count();
    }

    @Override
    public double nextStep(SplittableRandom random) {
        return 1.0;
    }

    @Override
    public String toString() {
        return name();
    }
}
