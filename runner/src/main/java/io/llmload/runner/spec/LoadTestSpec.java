package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The runner's view of {@code spec}. Sections only the operator acts on (runners, cleanup, trigger, autoscaling,
 * history, regression, report) are accepted and ignored here so one manifest runs in both places; any other unknown
 * field is an error (typos must not silently change a test).
 */
@JsonIgnoreProperties({ "runners", "cleanup", "trigger", "autoscaling", "history", "regression", "report" })
public record LoadTestSpec(
        @JsonPropertyDescription("The inference service under test.") TargetSpec target,
        @JsonPropertyDescription("What requests to send: a weighted mix of request types.") WorkloadSpec workload,
        @JsonPropertyDescription("How much load, over time: load model, warmup and stages (or a shape).") LoadSpec load,
        @JsonPropertyDescription("Service-level objectives the run is judged against.") SloSpec slo,
        @JsonPropertyDescription("Conditions that stop the test early.") GuardrailSpec guardrails,
        @JsonPropertyDescription("Prices to compute cost per request and per 1M output tokens.") CostSpec cost) {
}
