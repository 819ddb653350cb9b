package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** RAG (api: rag): an embeddings call with the user's question, then a chat call carrying the retrieved documents. */
public record RagSpec(
        @Min(1) @Max(100)
        @JsonPropertyDescription("Documents retrieved into each chat prompt (default 4).") Integer retrievedDocuments,
        @Min(1) @Max(100000)
        @JsonPropertyDescription("Tokens per synthetic document (default 256).") Integer documentTokens,
        @JsonPropertyDescription("Model of the embeddings call (default: target.model).") String embeddingModel) {

    public static final int DEFAULT_RETRIEVED_DOCUMENTS = 4;
    public static final int DEFAULT_DOCUMENT_TOKENS = 256;
}
