package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How the runner pods are doing. */
public record RunnerCounts(
        @JsonPropertyDescription("Runner pods requested (spec.runners.replicas).") Integer desired,
        @JsonPropertyDescription("Runner pods ready to start.") Integer ready,
        @JsonPropertyDescription("Runners that finished their share of the plan.") Integer finished,
        @JsonPropertyDescription("Runner pods that failed.") Integer failed) {
}
