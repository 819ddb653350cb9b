package io.llmload.runner.slo;

/**
 * When interrupted requests (cut by the end of the graceful stop or by an abort) count against the error rate. A few
 * are the normal edge of a run that ends; many say the run did not let the server answer — a server too slow to
 * finish within the graceful stop, or a run aborted while heavy requests were under way — and judging only the
 * requests that completed would flatter it. Above {@link #TOLERATED} of a scope's attempts, the scope is judged by
 * (errors + interrupted) / (completed + interrupted).
 */
public final class InterruptedShare {

    /** The share of attempts that may be interrupted before they count as errors: 1%. */
    public static final double TOLERATED = 0.01;

    private InterruptedShare() {
    }

    /** The error rate to judge by when interrupted requests count as errors, else null. */
    public static Double judgedErrorRate(long completed, long errors, long interrupted) {
        long attempts = completed + interrupted;
        if (interrupted == 0 || interrupted <= TOLERATED * attempts) {
            return null;
        }
        return (errors + interrupted) / (double) attempts;
    }
}
