package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/** One entry of the workload mix. */
public record RequestTypeSpec(
        @JsonPropertyDescription("Name used in reports, e.g. chat-short.") String name,
        @Min(value = 0, inclusive = false)
        @JsonPropertyDescription("Relative weight in the mix (> 0).") Double weight,
        @JsonPropertyDescription("API: chat, completions, embeddings, responses (/v1/responses), rerank, score, or "
                + "rag (an embeddings call, then a chat call with the retrieved context).") String api,
        @JsonPropertyDescription("Stream the response with SSE (default true for chat and completions).") Boolean stream,
        @JsonPropertyDescription("Prompt: fixed text, synthetic text of N tokens, an inline list or a dataset.") PromptSpec prompt,
        @JsonPropertyDescription("Output length and sampling.") OutputSpec output,
        @Min(1)
        @JsonPropertyDescription("Embeddings: number of inputs per request (default 1).") Integer batchSize,
        @JsonPropertyDescription("api: rag: documents retrieved into the chat prompt.") RagSpec rag,
        @JsonPropertyDescription("Chat: a multi-turn session per user request, carrying its history.")
        SessionSpec session,
        @JsonPropertyDescription("Chat: an agent chain of sequential calls per user request.") ChainSpec chain,
        @JsonPropertyDescription("api: rerank or score: the documents scored against each query (the prompt).")
        RerankSpec rerank) {

    /** A request type without rerank documents (the older ten-field form). */
    public RequestTypeSpec(String name, Double weight, String api, Boolean stream, PromptSpec prompt,
            OutputSpec output, Integer batchSize, RagSpec rag, SessionSpec session, ChainSpec chain) {
        this(name, weight, api, stream, prompt, output, batchSize, rag, session, chain, null);
    }

    /** The same request type with another prompt section (e.g. its dataset path resolved). */
    public RequestTypeSpec withPrompt(PromptSpec replacement) {
        return new RequestTypeSpec(name, weight, api, stream, replacement, output, batchSize, rag, session, chain,
                rerank);
    }
}
