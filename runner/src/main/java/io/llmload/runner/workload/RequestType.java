package io.llmload.runner.workload;

import io.llmload.runner.openai.Api;
import io.llmload.runner.spec.RequestTypeSpec;

/** A mix entry resolved for sending: its API, whether it streams, and how to draw prompt and output length. */
public record RequestType(int index, String name, double weight, Api api, boolean stream, String fixedPrompt,
        TokenDistribution promptTokens, String systemPrompt, TokenDistribution maxTokens, Boolean ignoreEos,
        Double temperature, int batchSize) {

    /** max_tokens when the manifest names none: enough for a paragraph, like a short chat answer. */
    public static final int DEFAULT_MAX_TOKENS = 128;

    public static RequestType from(int index, RequestTypeSpec spec) {
        // A RAG entry sends chat calls (its generate step); its embeddings call is a separate step type.
        Api api = isRag(spec) ? Api.CHAT : Api.parse(spec.api());
        boolean stream = api.streams() && (spec.stream() == null || spec.stream());
        var prompt = spec.prompt();
        var output = spec.output();
        TokenDistribution maxTokens = output != null && output.maxTokens() != null
                ? TokenDistribution.of(output.maxTokens())
                : TokenDistribution.of(io.llmload.runner.spec.DistributionSpec.fixed(DEFAULT_MAX_TOKENS));
        return new RequestType(index, spec.name(), spec.weight() == null ? 1.0 : spec.weight(), api, stream,
                prompt.text(), prompt.inputTokens() == null ? null : TokenDistribution.of(prompt.inputTokens()),
                prompt.systemPrompt(), maxTokens, output == null ? null : output.ignoreEos(),
                output == null ? null : output.temperature(), spec.batchSize() == null ? 1 : spec.batchSize());
    }

    /** Whether the manifest entry is {@code api: rag}. */
    public static boolean isRag(RequestTypeSpec spec) {
        return spec.api() != null && spec.api().trim().equalsIgnoreCase("rag");
    }

    /** This type as a step of a composite, recorded in its own metrics cell under another name. */
    public RequestType asStep(int cellIndex, String stepName) {
        return new RequestType(cellIndex, stepName, weight, api, stream, fixedPrompt, promptTokens, systemPrompt,
                maxTokens, ignoreEos, temperature, batchSize);
    }

    /** A RAG type's retrieval step: one embeddings input (the question), never streamed. */
    public RequestType asEmbeddingsStep(int cellIndex, String stepName) {
        return new RequestType(cellIndex, stepName, weight, Api.EMBEDDINGS, false, fixedPrompt, promptTokens, null,
                maxTokens, null, null, 1);
    }
}
