package io.llmload.runner.plan;

import java.util.SplittableRandom;

/**
 * Poisson arrivals: unit-mean exponential steps in intensity, so arrivals are independent and the gaps at rate r
 * are exponential with mean 1/r. Runners draw from their own seeds, so their arrivals are independent too.
 */
final class PoissonArrivals implements ArrivalProcess {

    @Override
    public String name() {
        return "poisson";
    }

    @Override
    public double firstStep(SplittableRandom random, RunnerShare share) {
        return nextStep(random);
    }

    @Override
    public double nextStep(SplittableRandom random) {
        return -Math.log(1.0 - random.nextDouble());
    }

    @Override
    public String toString() {
        return name();
    }
}
