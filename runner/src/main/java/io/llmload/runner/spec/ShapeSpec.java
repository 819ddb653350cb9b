package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/**
 * Load-shape shortcuts that expand to stages. Levels are users (closed) or arrivals/s (open).
 * step: from, step, every, to. ramp: from, to, duration. spike: from, peak, duration, peakDuration.
 * soak: level, duration.
 */
public record ShapeSpec(
        @JsonPropertyDescription("step, ramp, spike or soak.") String type,
        @JsonPropertyDescription("Starting (or base) level.") Double from,
        @JsonPropertyDescription("Final level (step: the maximum; ramp: the end).") Double to,
        @JsonPropertyDescription("step: increment per step.") Double step,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("step: duration of each step, e.g. 1m.") String every,
        @JsonPropertyDescription("spike: peak level.") Double peak,
        @JsonPropertyDescription("soak: the constant level.") Double level,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("ramp/soak: total duration; spike: duration before and after the peak.") String duration,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("spike: how long the peak lasts.") String peakDuration) {
}
