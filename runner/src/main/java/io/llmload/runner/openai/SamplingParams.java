package io.llmload.runner.openai;

import java.util.List;
import java.util.Map;

/**
 * Generation parameters passed through to the server as they are; null fields are left out of the request, so the
 * server's defaults apply.
 *
 * @param minTokens vLLM {@code min_tokens}; capped at each request's {@code max_tokens}, which vLLM requires
 * @param extraBody more top-level fields written last, for server-specific parameters; must not repeat a field
 *     llmload writes (the manifest validator refuses those)
 */
public record SamplingParams(Boolean ignoreEos, Integer minTokens, Double temperature, Double topP, Integer topK,
        Long seed, List<String> stop, Double frequencyPenalty, Double presencePenalty, Map<String, Object> extraBody) {

    public static final SamplingParams NONE = new SamplingParams(null, null, null, null, null, null, null, null, null,
            null);

    public SamplingParams {
        stop = stop == null ? null : List.copyOf(stop);
        extraBody = extraBody == null || extraBody.isEmpty() ? null : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(extraBody));
    }

    /** Only ignore_eos and temperature (either may be null). */
    public static SamplingParams of(Boolean ignoreEos, Double temperature) {
        return new SamplingParams(ignoreEos, null, temperature, null, null, null, null, null, null, null);
    }
}
