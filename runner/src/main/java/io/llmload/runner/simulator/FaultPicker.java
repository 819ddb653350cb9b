package io.llmload.runner.simulator;

/**
 * Chooses at most one fault per generation request from a draw that depends only on (seed, request ordinal), so the
 * set of faults over ordinals 0..N-1 is exactly reproducible whatever the interleaving of concurrent clients.
 */
final class FaultPicker {

    /** Salt so the fault draw is independent of the token-text draw for the same ordinal. */
    private static final long SALT = 0x6661756c74L;

    private final FaultInjection faults;
    private final long seed;

    FaultPicker(FaultInjection faults, long seed) {
        this.faults = faults;
        this.seed = seed;
    }

    Fault pick(long ordinal) {
        if (!faults.any()) {
            return Fault.NONE;
        }
        double u = Mix.unit(Mix.of(seed ^ SALT, ordinal));
        double edge = faults.rateLimitRate();
        if (u < edge) {
            return Fault.RATE_LIMITED;
        }
        edge += faults.serverErrorRate();
        if (u < edge) {
            return Fault.SERVER_ERROR;
        }
        edge += faults.stallRate();
        if (u < edge) {
            return Fault.STALL;
        }
        edge += faults.malformedRate();
        if (u < edge) {
            return Fault.MALFORMED;
        }
        return Fault.NONE;
    }
}
