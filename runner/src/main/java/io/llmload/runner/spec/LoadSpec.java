package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The load plan: who sends (closed users or open arrivals) and how much, over time. */
public record LoadSpec(
        @JsonPropertyDescription("closed (concurrent users) or open (arrivals per second).") String model,
        @JsonPropertyDescription("Open model inter-arrival process: poisson (default) or constant.") String arrival,
        @JsonPropertyDescription("Warmup at the first stage's level, excluded from results, e.g. 30s.") String warmup,
        @JsonPropertyDescription("Closed model: pause between a user's requests, e.g. 1s (default 0).") String thinkTime,
        @JsonPropertyDescription("How long in-flight requests may finish after the last stage (default 30s).") String gracefulStop,
        @JsonPropertyDescription("Explicit stages, run in order.") List<StageSpec> stages,
        @JsonPropertyDescription("A shape that expands to stages (instead of stages).") ShapeSpec shape) {
}
