package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import java.util.List;
import java.util.Map;

/** Output length and sampling parameters passed to the server (null: not sent, the server's default applies). */
public record OutputSpec(
        @JsonPropertyDescription("max_tokens per request, drawn per request.") DistributionSpec maxTokens,
        @JsonPropertyDescription("vLLM ignore_eos: generate exactly max_tokens.") Boolean ignoreEos,
        @JsonPropertyDescription("Sampling temperature.") Double temperature,
        @Min(0)
        @JsonPropertyDescription("vLLM min_tokens: no end of sequence before this many tokens (capped at each "
                + "request's max_tokens).") Integer minTokens,
        @JsonPropertyDescription("top_p: nucleus sampling, in (0, 1].") Double topP,
        @JsonPropertyDescription("top_k (vLLM): -1 or 0 disables it.") Integer topK,
        @JsonPropertyDescription("seed: sampling seed sent with every request.") Long seed,
        @JsonPropertyDescription("stop: strings that end the generation.") List<String> stop,
        @JsonPropertyDescription("frequency_penalty, in [-2, 2].") Double frequencyPenalty,
        @JsonPropertyDescription("presence_penalty, in [-2, 2].") Double presencePenalty,
        @JsonPropertyDescription("Further fields merged into every request body as they are, for server-specific "
                + "parameters (e.g. repetition_penalty, chat_template_kwargs).") Map<String, Object> extraBody) {

    /** Length, ignore_eos and temperature only (the original three fields). */
    public OutputSpec(DistributionSpec maxTokens, Boolean ignoreEos, Double temperature) {
        this(maxTokens, ignoreEos, temperature, null, null, null, null, null, null, null, null);
    }
}
