package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The load plan: who sends (closed users or open arrivals) and how much, over time. */
@ValidationRule(value = "has(self.stages) != has(self.shape)", message = "give either stages or a shape")
public record LoadSpec(
        @JsonPropertyDescription("closed (concurrent users) or open (arrivals per second).") String model,
        @JsonPropertyDescription("Open model inter-arrival process: poisson (default) or constant.") String arrival,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("Warmup at the first stage's level, excluded from results, e.g. 30s.") String warmup,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("Closed model: pause between a user's requests, e.g. 1s (default 0).") String thinkTime,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("How long in-flight requests may finish after the last stage (default: the request timeout, "
                + "target.timeout).") String gracefulStop,
        @Size(min = 1, max = SpecLimits.STAGES)
        @JsonPropertyDescription("Explicit stages, run in order.") List<StageSpec> stages,
        @JsonPropertyDescription("A shape that expands to stages (instead of stages).") ShapeSpec shape) {
}
