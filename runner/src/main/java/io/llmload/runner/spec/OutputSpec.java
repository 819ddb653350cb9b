package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
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
        @Min(value = 0, inclusive = false) @Max(1)
        @JsonPropertyDescription("top_p: nucleus sampling, in (0, 1].") Double topP,
        @Min(-1)
        @JsonPropertyDescription("top_k (vLLM): -1 or 0 disables it.") Integer topK,
        @JsonPropertyDescription("seed: sampling seed sent with every request.") Long seed,
        @Size(max = SpecLimits.STOP_SEQUENCES)
        @JsonPropertyDescription("stop: strings that end the generation.") List<String> stop,
        @Min(-2) @Max(2)
        @JsonPropertyDescription("frequency_penalty, in [-2, 2].") Double frequencyPenalty,
        @Min(-2) @Max(2)
        @JsonPropertyDescription("presence_penalty, in [-2, 2].") Double presencePenalty,
        // Any JSON value per field: the CRD schema is a free object (an empty class) that keeps unknown fields.
        @SchemaFrom(type = FreeObject.class) @PreserveUnknownFields
        @JsonPropertyDescription("Further fields merged into every request body as they are, for server-specific "
                + "parameters (e.g. repetition_penalty, chat_template_kwargs).") Map<String, Object> extraBody) {

    /** The schema of a field that holds any JSON object: no declared properties, unknown ones kept. */
    static final class FreeObject {
        private FreeObject() {
        }
    }

    /** Length, ignore_eos and temperature only (the original three fields). */
    public OutputSpec(DistributionSpec maxTokens, Boolean ignoreEos, Double temperature) {
        this(maxTokens, ignoreEos, temperature, null, null, null, null, null, null, null, null);
    }
}
