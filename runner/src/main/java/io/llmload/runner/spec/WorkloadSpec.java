package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** The traffic: a weighted mix of request types. */
public record WorkloadSpec(
        @Size(min = 1, max = SpecLimits.REQUEST_TYPES)
        @JsonPropertyDescription("Weighted request types; each gets its own metrics.") List<RequestTypeSpec> mix,
        @JsonPropertyDescription("Seed for prompt synthesis and mix choice (default 1): same seed, same requests.") Long seed,
        @JsonPropertyDescription("Tokenizer for synthetic prompt lengths and client-side token counts: cl100k_base "
                + "(default), o200k_base or approximate. Exact for OpenAI models, an approximation for others "
                + "(Llama, Mistral, ...).") String tokenizer,
        @JsonPropertyDescription("Client retry policy for failed requests (default: no retries).") RetrySpec retry,
        @JsonPropertyDescription("The model's own Hugging Face tokenizer.json (Llama, Qwen, Mistral, ...): synthetic "
                + "prompts get exactly the requested token count under it, and the client counts with it. Replaces "
                + "tokenizer.") TokenizerFileSpec tokenizerFile) {

    /** A workload with the default tokenizer and no retry policy. */
    public WorkloadSpec(List<RequestTypeSpec> mix, Long seed) {
        this(mix, seed, null, null, null);
    }

    /** A workload with a named tokenizer (no tokenizer file). */
    public WorkloadSpec(List<RequestTypeSpec> mix, Long seed, String tokenizer, RetrySpec retry) {
        this(mix, seed, tokenizer, retry, null);
    }

    /** The same workload with another mix (e.g. dataset paths resolved). */
    public WorkloadSpec withMix(List<RequestTypeSpec> replacement) {
        return new WorkloadSpec(replacement, seed, tokenizer, retry, tokenizerFile);
    }

    /** The same workload reading its tokenizer file from another place (resolved path, mounted file). */
    public WorkloadSpec withTokenizerFile(TokenizerFileSpec replacement) {
        return new WorkloadSpec(mix, seed, tokenizer, retry, replacement);
    }
}
