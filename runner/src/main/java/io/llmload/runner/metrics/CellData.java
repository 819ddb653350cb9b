package io.llmload.runner.metrics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The serialized form of {@link CellStats}: counters plus base64 HdrHistograms (µs). It is what runners ship to the
 * operator and what {@code report.json} keeps under {@code histograms}, so any aggregate can be recomputed losslessly.
 * {@code userRequests} is present only in the cells of composite request types (RAG, sessions, chains).
 * {@code staleConnectionRetries}: requests sent once more because their reused connection closed before any response
 * byte (absent when none). {@code window} is the judgement window of a ramp stage the cell covers (absent: the whole
 * stage); a stage's figures are the merge of all its cells.
 */
public record CellData(String stage, String requestType, long requests, long succeeded, long interrupted,
        Map<String, Long> errors, long inputTokens, long outputTokens, long usageReported, long usageMismatches,
        double retryAfterSecondsSum, long retryAfterCount, Map<String, String> histograms,
        long streamsWithUsage, long multiTokenChunkStreams, long goodRequests,
        @JsonInclude(JsonInclude.Include.NON_NULL) RetryData retries,
        @JsonInclude(JsonInclude.Include.NON_NULL) UserRequestData userRequests,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) long staleConnectionRetries,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer window) {

    /** The same cell under another stage name (a capacity search names each probe's warmup after the probe). */
    public CellData inStage(String newStage) {
        return new CellData(newStage, requestType, requests, succeeded, interrupted, errors, inputTokens, outputTokens,
                usageReported, usageMismatches, retryAfterSecondsSum, retryAfterCount, histograms, streamsWithUsage,
                multiTokenChunkStreams, goodRequests, retries, userRequests, staleConnectionRetries, window);
    }

    /** The row this cell belongs to. */
    @JsonIgnore
    public CellRow row() {
        return new CellRow(stage, window);
    }
}
