package io.llmload.runner.workload;

import io.llmload.runner.openai.RequestBodies;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Retrieval-augmented generation: an embeddings call with the user's question (the retrieval), then a chat call
 * whose prompt carries the retrieved documents and the question (the generation).
 */
final class RagRequest implements UserRequest {

    private final int userRequestCell;
    private final RequestType generate;
    private final String model;
    private final String context;
    private final String question;
    private final IntSupplier maxTokens;
    private final Tokenizer tokenizer;
    private final PreparedRequest retrieve;
    private boolean generated;

    RagRequest(int userRequestCell, RequestType retrieveType, RequestType generate, String embeddingModel,
            String model, String question, String context, IntSupplier maxTokens, Tokenizer tokenizer) {
        this.userRequestCell = userRequestCell;
        this.generate = generate;
        this.model = model;
        this.question = question;
        this.context = context;
        this.maxTokens = maxTokens;
        this.tokenizer = tokenizer;
        this.retrieve = new PreparedRequest(retrieveType, RequestBodies.embeddings(embeddingModel, List.of(question)),
                tokenizer.count(question), 0);
    }

    @Override
    public PreparedRequest first() {
        return retrieve;
    }

    @Override
    public PreparedRequest next(String reply) {
        if (generated) {
            return null;
        }
        generated = true;
        String prompt = context + "\n\n" + question;
        int max = maxTokens.getAsInt();
        return new PreparedRequest(generate, RequestBodies.chat(model, generate.systemPrompt(), prompt, max,
                generate.stream(), generate.sampling()),
                tokenizer.count(prompt) + tokenizer.count(generate.systemPrompt()), max);
    }

    @Override
    public int userRequestCell() {
        return userRequestCell;
    }
}
