package io.llmload.runner.worker;

/**
 * Body of {@code POST /v1/start}.
 *
 * @param startAtEpochMillis the wall-clock start time shared by all runners of a test
 * @param keepResultsUntilEpochMillis until when a finished runner keeps its results for the operator (it exits
 *     then, unless released earlier); null: the worker's {@code --linger} after the end
 */
public record StartRequest(long startAtEpochMillis, Long keepResultsUntilEpochMillis) {

    public StartRequest(long startAtEpochMillis) {
        this(startAtEpochMillis, null);
    }
}
