package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Live progress while the test runs, merged from every runner (updated at least every 10 s). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgressStatus(
        @JsonPropertyDescription("Stage running now.") String stage,
        @JsonPropertyDescription("Seconds since the synchronized start.") Double elapsedSeconds,
        @JsonPropertyDescription("Planned duration in seconds (warmup and stages).") Double totalSeconds,
        @JsonPropertyDescription("Requests finished so far, all runners.") Long requests,
        @JsonPropertyDescription("Errors so far, all runners.") Long errors,
        @JsonPropertyDescription("Requests per second over the measured time so far.") Double requestsPerSecond) {
}
