package io.llmload.runner.simulator;

/**
 * Per-request fault probabilities. Each generation request gets at most one fault: a uniform draw u in [0,1) picks
 * rate limit if u < rateLimitRate, else server error if u < rateLimitRate + serverErrorRate, then stall, then
 * malformed (see {@link FaultPicker}). The rates must sum to at most 1.
 */
public record FaultInjection(double rateLimitRate, int retryAfterSeconds, double serverErrorRate, double stallRate,
        long stallMillis, double malformedRate) {

    public FaultInjection {
        checkRate("rateLimitRate", rateLimitRate);
        checkRate("serverErrorRate", serverErrorRate);
        checkRate("stallRate", stallRate);
        checkRate("malformedRate", malformedRate);
        if (rateLimitRate + serverErrorRate + stallRate + malformedRate > 1.0 + 1e-9) {
            throw new IllegalArgumentException("fault rates must sum to at most 1");
        }
        if (retryAfterSeconds < 0 || stallMillis < 0) {
            throw new IllegalArgumentException("retryAfterSeconds and stallMillis must not be negative");
        }
    }

    public static FaultInjection none() {
        return new FaultInjection(0, 1, 0, 0, 0, 0);
    }

    public boolean any() {
        return rateLimitRate + serverErrorRate + stallRate + malformedRate > 0;
    }

    private static void checkRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0,1], got " + rate);
        }
    }
}
