package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** Conditions that abort a test early; results so far are kept and judged. */
public record GuardrailSpec(
        @Pattern(SchemaPatterns.RATIO)
        @JsonPropertyDescription("Abort when the error rate over the window exceeds this, e.g. 5%.") String abortOnErrorRate,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("Sliding window for abortOnErrorRate, e.g. 30s (default 30s).") String window,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("Abort when p99 TTFT over the window exceeds this duration.") String abortOnTtftP99,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("Hard limit on the test's total duration, e.g. 1h.") String maxDuration) {
}
