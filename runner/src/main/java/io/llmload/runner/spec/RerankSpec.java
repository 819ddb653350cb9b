package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * The documents of a rerank or score request (RAG's second stage): the prompt is the query, scored against this
 * many synthetic documents of this length. Cross-encoders read every (query, document) pair, so the work grows with
 * documents × (query + document tokens).
 */
public record RerankSpec(
        @Min(1) @Max(1000)
        @JsonPropertyDescription("Documents per request (default 8).") Integer documents,
        @JsonPropertyDescription("Tokens per synthetic document (default: fixed 128).") DistributionSpec documentTokens,
        @Min(1)
        @JsonPropertyDescription("rerank: return only the best N results (top_n; default: all).") Integer topN) {

    public static final int DEFAULT_DOCUMENTS = 8;
    public static final int DEFAULT_DOCUMENT_TOKENS = 128;

    public int documentCount() {
        return documents == null ? DEFAULT_DOCUMENTS : documents;
    }
}
