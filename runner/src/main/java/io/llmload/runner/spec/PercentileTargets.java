package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Latency targets at percentiles, as durations (e.g. 500ms, 5s). */
public record PercentileTargets(
        @JsonPropertyDescription("Target for the median.") String p50,
        @JsonPropertyDescription("Target for the 90th percentile.") String p90,
        @JsonPropertyDescription("Target for the 95th percentile.") String p95,
        @JsonPropertyDescription("Target for the 99th percentile.") String p99) {
}
