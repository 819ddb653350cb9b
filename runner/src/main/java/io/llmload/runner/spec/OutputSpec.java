package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Output length and sampling parameters passed to the server. */
public record OutputSpec(
        @JsonPropertyDescription("max_tokens per request, drawn per request.") DistributionSpec maxTokens,
        @JsonPropertyDescription("vLLM ignore_eos: generate exactly max_tokens.") Boolean ignoreEos,
        @JsonPropertyDescription("Sampling temperature.") Double temperature) {
}
