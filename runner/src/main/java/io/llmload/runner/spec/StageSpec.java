package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One stage of the load plan. */
public record StageSpec(
        @JsonPropertyDescription("Stage name used in reports (default stage-N).") String name,
        @JsonPropertyDescription("Stage duration, e.g. 30s or 5m.") String duration,
        @JsonPropertyDescription("Closed model: concurrent users.") Integer users,
        @JsonPropertyDescription("Open model: arrivals per second.") Double rate,
        @JsonPropertyDescription("Ramp linearly from the previous stage's level to this one.") Boolean ramp) {
}
