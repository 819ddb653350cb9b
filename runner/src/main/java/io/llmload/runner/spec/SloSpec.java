package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** Targets a run is judged against, and the thresholds of the Normal / Degraded / Breach tiers. */
public record SloSpec(
        @JsonPropertyDescription("Time to first token targets, e.g. {p95: 500ms}.") PercentileTargets ttft,
        @JsonPropertyDescription("Inter-token latency targets.") PercentileTargets itl,
        @JsonPropertyDescription("Time per output token targets.") PercentileTargets tpot,
        @JsonPropertyDescription("End-to-end latency targets.") PercentileTargets e2e,
        @Pattern(SchemaPatterns.RATIO)
        @JsonPropertyDescription("Maximum error rate, e.g. 1% or 0.01.") String errorRate,
        @JsonPropertyDescription("Tier thresholds (defaults from the seed-001 tiers).") TierSpec tiers) {
}
