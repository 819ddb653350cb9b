package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.llmload.runner.report.UserRequestFigures;
import io.llmload.runner.report.UserRequestReport;

/**
 * Whole user requests of one composite request type (RAG, session, chain) over the measured stages: what a user of
 * the product waited for and spent, beside the per-call figures of status.summary (definitions in docs/metrics.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserRequestStatus(
        @JsonPropertyDescription("The mix entry (request type) name.") String type,
        @JsonPropertyDescription("User requests that ended (succeeded + failed).") Long count,
        @JsonPropertyDescription("User requests in which a step failed.") Long failed,
        @JsonPropertyDescription("User requests cut short by the end of the test.") Long interrupted,
        @JsonPropertyDescription("End-to-end p50, ms: first step's intended send time to last step's end.")
        Double e2eP50Ms,
        @JsonPropertyDescription("End-to-end p99, ms (think time between session turns included).") Double e2eP99Ms,
        @JsonPropertyDescription("Input + output tokens per user request, p99.") Long tokensP99,
        @JsonPropertyDescription("Calls per user request, mean.") Double meanSteps) {

    public static UserRequestStatus of(UserRequestReport report) {
        UserRequestFigures f = report.overall();
        return new UserRequestStatus(report.type(), f.count(), f.failed(), f.interrupted(),
                f.e2eMs() == null ? null : f.e2eMs().p50(), f.e2eMs() == null ? null : f.e2eMs().p99(),
                f.tokens() == null ? null : f.tokens().p99(), f.steps() == null ? null : f.steps().mean());
    }
}
