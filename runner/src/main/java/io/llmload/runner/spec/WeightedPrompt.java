package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/** One entry of an inline prompt list. */
public record WeightedPrompt(
        @JsonPropertyDescription("The prompt text.") String text,
        @Min(value = 0, inclusive = false)
        @JsonPropertyDescription("Relative weight (> 0, default 1).") Double weight) {
}
