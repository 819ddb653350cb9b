package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** Overrides of the tier thresholds; defaults follow DESIGN.md §4 (seed 001). */
public record TierSpec(
        @Pattern(SchemaPatterns.RATIO)
        @JsonPropertyDescription("Normal needs an error rate below this (default 0.1%).") String normalErrorRate,
        @JsonPropertyDescription("Degraded allows latency up to this multiple of each target (default 4).") Double degradedFactor,
        @Pattern(SchemaPatterns.RATIO)
        @JsonPropertyDescription("Breach above this error rate (default 1%).") String breachErrorRate,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("Breach when p99 end-to-end latency exceeds this (default 5s).") String breachE2eP99) {
}
