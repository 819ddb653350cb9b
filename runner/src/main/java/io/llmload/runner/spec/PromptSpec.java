package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where a request's prompt comes from: fixed text, or synthetic text with a token count drawn per request. */
public record PromptSpec(
        @JsonPropertyDescription("Fixed prompt text.") String text,
        @JsonPropertyDescription("Synthetic prompt length in tokens, drawn per request.") DistributionSpec inputTokens,
        @JsonPropertyDescription("System prompt (chat only).") String systemPrompt) {
}
