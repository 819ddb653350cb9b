package io.llmload.runner.workload;

import io.llmload.runner.openai.RequestBodies;
import io.llmload.runner.spec.RagSpec;
import io.llmload.runner.spec.RequestTypeSpec;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Retrieval-augmented generation: an embeddings call with the user's question (the retrieval), then a chat call
 * whose prompt carries the retrieved documents and the question (the generation).
 */
final class RagRequest implements UserRequest {

    /** Mix entries with {@code api: rag}; their calls go to cells {@code <name>.retrieve} and {@code <name>.generate}. */
    static final CompositeKind KIND = new CompositeKind() {
        @Override
        public boolean of(RequestTypeSpec spec) {
            return RequestType.isRag(spec);
        }

        @Override
        public boolean entryCellHoldsRequests() {
            return false;
        }

        @Override
        public Starter starter(RequestType type, RequestTypeSpec spec, Setup setup) {
            RagSpec rag = spec.rag();
            int documents = rag == null || rag.retrievedDocuments() == null ? RagSpec.DEFAULT_RETRIEVED_DOCUMENTS
                    : rag.retrievedDocuments();
            int documentTokens = rag == null || rag.documentTokens() == null ? RagSpec.DEFAULT_DOCUMENT_TOKENS
                    : rag.documentTokens();
            String embeddingModel = rag == null || rag.embeddingModel() == null ? setup.model() : rag.embeddingModel();
            DocumentCorpus corpus = new DocumentCorpus(setup.seed(type), documentTokens, setup.tokenizer());
            RequestType retrieve = type.asEmbeddingsStep(setup.addCell(type.name() + ".retrieve"),
                    type.name() + ".retrieve");
            RequestType generate = type.asStep(setup.addCell(type.name() + ".generate"), type.name() + ".generate");
            return (draw, random) -> {
                String question = draw.apply(type);
                return new RagRequest(type.index(), retrieve, generate, embeddingModel, setup.model(), question,
                        corpus.context(question, documents), () -> type.maxTokens().sample(random), setup.tokenizer());
            };
        }
    };

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
