package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** Latency targets at percentiles, as durations (e.g. 500ms, 5s). */
public record PercentileTargets(
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("Target for the median.") String p50,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("Target for the 90th percentile.") String p90,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("Target for the 95th percentile.") String p95,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("Target for the 99th percentile.") String p99) {
}
