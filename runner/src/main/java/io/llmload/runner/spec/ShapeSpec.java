package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/**
 * Load-shape shortcuts that expand to stages. Levels are users (closed) or arrivals/s (open).
 * step: from, step, every, to. ramp: from, to, duration. spike: from, peak, duration, peakDuration.
 * soak: level, duration. search: from (first probe), duration (each probe), growth, precision, to (highest level
 * tried), maxProbes, maxDuration, repeats — see docs/capacity.md.
 */
public record ShapeSpec(
        @JsonPropertyDescription("step, ramp, spike, soak or search.") String type,
        @JsonPropertyDescription("Starting (or base) level; search: the first probe's level.") Double from,
        @JsonPropertyDescription("Final level (step: the maximum; ramp: the end; search: the highest level probed, "
                + "optional).") Double to,
        @JsonPropertyDescription("step: increment per step.") Double step,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("step: duration of each step, e.g. 1m.") String every,
        @JsonPropertyDescription("spike: peak level.") Double peak,
        @JsonPropertyDescription("soak: the constant level.") Double level,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("ramp/soak: total duration; spike: duration before and after the peak; search: the "
                + "measured duration of each probe (load.warmup comes before each probe).") String duration,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("spike: how long the peak lasts.") String peakDuration,
        @Min(1)
        @Max(10)
        @JsonPropertyDescription("search: factor between probes while the SLO holds (default 2).") Double growth,
        @Pattern(SchemaPatterns.RATIO)
        @JsonPropertyDescription("search: stop bisecting when the bracket is this narrow, relative to the level that "
                + "held, e.g. 5% (default 5%).") String precision,
        @Min(1)
        @Max(100)
        @JsonPropertyDescription("search: probe budget, confirmation probes included (default 12).") Integer maxProbes,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("search: time budget of the probes (warmup + duration each), e.g. 20m; lowers "
                + "maxProbes when it allows fewer.") String maxDuration,
        @Min(0)
        @Max(5)
        @JsonPropertyDescription("search: probes repeated at the highest level that held, to see how often the edge "
                + "holds (default 0).") Integer repeats) {

    @JsonCreator
    public ShapeSpec {
    }

    /** A shape that is not a search (the search fields unset). */
    public ShapeSpec(String type, Double from, Double to, Double step, String every, Double peak, Double level,
            String duration, String peakDuration) {
        this(type, from, to, step, every, peak, level, duration, peakDuration, null, null, null, null, null);
    }
}
