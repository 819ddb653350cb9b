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
        @JsonPropertyDescription("Requests per second over the measured time so far.") Double requestsPerSecond,
        @JsonPropertyDescription("Percent of the planned duration elapsed, 0-100 (kubectl get llt: Progress).")
        Integer percent) {

    /** Progress with {@link #percent} computed from the elapsed and planned seconds. */
    public ProgressStatus(String stage, Double elapsedSeconds, Double totalSeconds, Long requests, Long errors,
            Double requestsPerSecond) {
        this(stage, elapsedSeconds, totalSeconds, requests, errors, requestsPerSecond,
                percent(elapsedSeconds, totalSeconds));
    }

    static Integer percent(Double elapsed, Double total) {
        if (elapsed == null || total == null || !(total > 0)) {
            return null;
        }
        // Floor, and 100 only at the end: a run at 99.6 % is not done.
        return (int) Math.max(0, Math.min(100, Math.floor(elapsed / total * 100)));
    }
}
