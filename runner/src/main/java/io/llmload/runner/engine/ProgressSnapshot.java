package io.llmload.runner.engine;

/**
 * The live view of a running test, once per interval: where the plan is, what the last interval did, and the
 * running p95 TTFT of the current stage (from its histogram so far).
 */
public record ProgressSnapshot(String stage, boolean warmup, double level, double elapsedSeconds,
        double totalSeconds, int inFlight, double intervalRequestsPerSecond, double intervalOutputTokensPerSecond,
        long requests, long errors, double stageTtftP95Ms) {
}
