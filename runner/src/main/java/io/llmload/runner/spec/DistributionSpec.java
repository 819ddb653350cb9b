package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A distribution of whole numbers (token counts). {@code {value: 128}} is fixed; otherwise name the distribution and
 * its parameters. Draws are clamped to [min, max] when those are set.
 */
public record DistributionSpec(
        @JsonPropertyDescription("fixed, uniform, normal or lognormal (default fixed).") String distribution,
        @JsonPropertyDescription("The value of a fixed distribution.") Double value,
        @JsonPropertyDescription("Lower bound (uniform; clamp for the others).") Double min,
        @JsonPropertyDescription("Upper bound (uniform; clamp for the others).") Double max,
        @JsonPropertyDescription("Mean (normal, lognormal).") Double mean,
        @JsonPropertyDescription("Standard deviation (normal, lognormal).") Double stddev) {

    public static DistributionSpec fixed(double value) {
        return new DistributionSpec("fixed", value, null, null, null, null);
    }

    /** The largest value a draw can take when that is bounded (its max, else its fixed value); null otherwise. */
    public Double largestDraw() {
        return max != null ? max : value;
    }
}
