package io.llmload.runner.metrics;

/**
 * How one composite user request (RAG, session, chain) ended. Times are {@link System#nanoTime()} values: from the
 * first step's intended send time to the last step's end, so think time between turns is included.
 *
 * @param steps      steps sent (the failed one included)
 * @param tokens     input + output tokens of its succeeded steps
 * @param thinkNanos time spent in think time between steps
 */
public record UserRequestTrace(int cellIndex, long intendedNanos, long endNanos, int steps, long tokens,
        long thinkNanos, Outcome outcome) {

    /** Succeeded: every step succeeded. Failed: a step failed. Interrupted: the test stopped first. */
    public enum Outcome { SUCCEEDED, FAILED, INTERRUPTED }
}
