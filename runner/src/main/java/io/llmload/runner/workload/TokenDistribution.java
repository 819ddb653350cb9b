package io.llmload.runner.workload;

import io.llmload.runner.spec.DistributionSpec;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Draws whole token counts (≥ 1) from a {@link DistributionSpec}. For lognormal, mean and stddev describe the
 * token counts themselves (what users know from their traffic), not the underlying normal.
 */
public final class TokenDistribution {

    private final String kind;
    private final DistributionSpec spec;
    private final double lower;
    private final double upper;
    private final double logMu;
    private final double logSigma;

    private TokenDistribution(DistributionSpec spec) {
        this.spec = spec;
        this.kind = spec.distribution() == null ? "fixed" : spec.distribution().toLowerCase(Locale.ROOT);
        this.lower = spec.min() == null ? 1 : Math.max(1, spec.min());
        this.upper = spec.max() == null ? Double.MAX_VALUE : spec.max();
        if (kind.equals("lognormal")) {
            double mean = spec.mean();
            double variance = spec.stddev() * spec.stddev();
            this.logSigma = Math.sqrt(Math.log(1 + variance / (mean * mean)));
            this.logMu = Math.log(mean) - logSigma * logSigma / 2;
        } else {
            this.logMu = 0;
            this.logSigma = 0;
        }
    }

    public static TokenDistribution of(DistributionSpec spec) {
        return new TokenDistribution(spec);
    }

    public int sample(SplittableRandom random) {
        double value;
        switch (kind) {
            case "uniform":
                // Inclusive of max: a uniform over {min..max} token counts.
                value = spec.min() + Math.floor(random.nextDouble() * (spec.max() - spec.min() + 1));
                break;
            case "normal":
                value = spec.mean() + spec.stddev() * gaussian(random);
                break;
            case "lognormal":
                value = Math.exp(logMu + logSigma * gaussian(random));
                break;
            default:
                value = spec.value();
        }
        return (int) Math.round(Math.min(upper, Math.max(lower, value)));
    }

    /** Expected value before clamping and rounding, for documentation and tests. */
    public double mean() {
        switch (kind) {
            case "uniform":
                return (spec.min() + spec.max()) / 2;
            case "normal":
            case "lognormal":
                return spec.mean();
            default:
                return spec.value();
        }
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller; SplittableRandom has no nextGaussian on Java 17.
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
