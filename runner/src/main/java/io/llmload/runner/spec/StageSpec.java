package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** One stage of the load plan. */
public record StageSpec(
        @JsonPropertyDescription("Stage name used in reports (default stage-N).") String name,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("Stage duration, e.g. 30s or 5m.") String duration,
        @Min(0)
        @JsonPropertyDescription("Closed model: concurrent users.") Integer users,
        @Min(0)
        @JsonPropertyDescription("Open model: arrivals per second.") Double rate,
        @JsonPropertyDescription("Ramp linearly from the previous stage's level to this one.") Boolean ramp) {
}
