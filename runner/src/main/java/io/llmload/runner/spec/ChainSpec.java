package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** An agent chain: N chat calls in sequence per user request. */
public record ChainSpec(
        @Min(1) @Max(1000)
        @JsonPropertyDescription("Sequential calls per user request (default 3).") Integer steps,
        @JsonPropertyDescription("Each step's prompt includes the previous step's reply (default true).") Boolean carryOutput) {

    public static final int DEFAULT_STEPS = 3;
}
