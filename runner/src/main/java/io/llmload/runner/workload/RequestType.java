package io.llmload.runner.workload;

import io.llmload.runner.openai.Api;
import io.llmload.runner.openai.SamplingParams;
import io.llmload.runner.spec.DistributionSpec;
import io.llmload.runner.spec.OutputSpec;
import io.llmload.runner.spec.RequestTypeSpec;
import io.llmload.runner.spec.RerankSpec;

/**
 * A mix entry resolved for sending: its API, whether it streams, its system prompt, and how to choose the output
 * length. Where its user messages come from is the {@link RequestFactory}'s business (a dataset is a file to read).
 *
 * @param maxTokensCap the largest max_tokens {@code output.maxTokens} allows (its max, or its fixed value), or
 *     null; caps the output lengths a dataset asks for
 * @param documents rerank / score: the documents scored against each query (null for other APIs)
 */
public record RequestType(int index, String name, double weight, Api api, boolean stream, String systemPrompt,
        TokenDistribution maxTokens, Integer maxTokensCap, SamplingParams sampling, int batchSize,
        Documents documents) {

    /** A rerank or score request's documents: how many, how long, and rerank's top_n (null: all). */
    public record Documents(int count, TokenDistribution tokens, Integer topN) {

        static Documents of(RerankSpec spec) {
            RerankSpec s = spec == null ? new RerankSpec(null, null, null) : spec;
            return new Documents(s.documentCount(), TokenDistribution.of(s.documentTokens() != null
                    ? s.documentTokens() : DistributionSpec.fixed(RerankSpec.DEFAULT_DOCUMENT_TOKENS)), s.topN());
        }
    }

    /** A type without documents (every API but rerank and score). */
    public RequestType(int index, String name, double weight, Api api, boolean stream, String systemPrompt,
            TokenDistribution maxTokens, Integer maxTokensCap, SamplingParams sampling, int batchSize) {
        this(index, name, weight, api, stream, systemPrompt, maxTokens, maxTokensCap, sampling, batchSize, null);
    }

    /** max_tokens when the manifest names none: enough for a paragraph, like a short chat answer. */
    public static final int DEFAULT_MAX_TOKENS = 128;

    public static RequestType from(int index, RequestTypeSpec spec) {
        // A RAG entry sends chat calls (its generate step); its embeddings call is a separate step type.
        Api api = isRag(spec) ? Api.CHAT : Api.parse(spec.api());
        boolean stream = api.streams() && (spec.stream() == null || spec.stream());
        OutputSpec output = spec.output();
        DistributionSpec length = output != null && output.maxTokens() != null ? output.maxTokens() : null;
        TokenDistribution maxTokens = TokenDistribution.of(length != null ? length
                : DistributionSpec.fixed(DEFAULT_MAX_TOKENS));
        Double cap = length == null ? null : length.largestDraw();
        return new RequestType(index, spec.name(), spec.weight() == null ? 1.0 : spec.weight(), api, stream,
                spec.prompt() == null ? null : spec.prompt().systemPrompt(), maxTokens,
                cap == null ? null : (int) Math.max(1, Math.round(cap)), sampling(output),
                spec.batchSize() == null ? 1 : spec.batchSize(), api.scores() ? Documents.of(spec.rerank()) : null);
    }

    private static SamplingParams sampling(OutputSpec output) {
        if (output == null) {
            return SamplingParams.NONE;
        }
        return new SamplingParams(output.ignoreEos(), output.minTokens(), output.temperature(), output.topP(),
                output.topK(), output.seed(), output.stop(), output.frequencyPenalty(), output.presencePenalty(),
                output.extraBody());
    }

    /** Whether the manifest entry is {@code api: rag}. */
    public static boolean isRag(RequestTypeSpec spec) {
        return spec.api() != null && spec.api().trim().equalsIgnoreCase("rag");
    }

    /** This type as a step of a composite, recorded in its own metrics cell under another name. */
    public RequestType asStep(int cellIndex, String stepName) {
        return new RequestType(cellIndex, stepName, weight, api, stream, systemPrompt, maxTokens, maxTokensCap,
                sampling, batchSize, documents);
    }

    /** A RAG type's retrieval step: one embeddings input (the question), never streamed. */
    public RequestType asEmbeddingsStep(int cellIndex, String stepName) {
        return new RequestType(cellIndex, stepName, weight, Api.EMBEDDINGS, false, null, maxTokens, maxTokensCap,
                SamplingParams.NONE, 1);
    }
}
