package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * Where a request's user prompt comes from — exactly one of fixed text, synthetic text of N tokens, an inline
 * weighted list, or a dataset file — plus an optional system prompt and a shared prefix put before every prompt.
 */
public record PromptSpec(
        @JsonPropertyDescription("Fixed prompt text.") String text,
        @JsonPropertyDescription("Synthetic prompt length in tokens (exact under spec.workload.tokenizer), drawn per "
                + "request.") DistributionSpec inputTokens,
        @JsonPropertyDescription("System prompt (chat only).") String systemPrompt,
        @Size(max = SpecLimits.INLINE_PROMPTS)
        @JsonPropertyDescription("Inline prompts, one chosen per request by weight.") List<WeightedPrompt> prompts,
        @Min(1)
        @JsonPropertyDescription("A synthetic prefix of N tokens, identical for every request of this type, put before "
                + "the user prompt (for prefix-cache tests).") Integer sharedPrefixTokens,
        @JsonPropertyDescription("Prompts (and output lengths) from a ShareGPT or JSONL file.") DatasetSpec dataset) {

    /** Fixed text or synthetic prompts only (the original three fields). */
    public PromptSpec(String text, DistributionSpec inputTokens, String systemPrompt) {
        this(text, inputTokens, systemPrompt, null, null, null);
    }

    /** The same prompt section reading its dataset from {@code dataset} instead. */
    public PromptSpec withDataset(DatasetSpec replacement) {
        return new PromptSpec(text, inputTokens, systemPrompt, prompts, sharedPrefixTokens, replacement);
    }
}
