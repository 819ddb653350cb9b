package io.llmload.runner.workload;

import io.llmload.runner.spec.ChainSpec;
import io.llmload.runner.spec.Durations;
import io.llmload.runner.spec.RagSpec;
import io.llmload.runner.spec.RequestTypeSpec;
import io.llmload.runner.spec.SessionSpec;
import io.llmload.runner.spec.WorkloadSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The composite entries of a mix (RAG, sessions, chains) and the metrics cells of every entry. Cell i is mix entry
 * i: its requests, or for a RAG entry only its per-user-request figures; a RAG entry's two calls get two more cells,
 * {@code <name>.retrieve} and {@code <name>.generate}, after the entries. A session's turns and a chain's steps land
 * in the entry's own cell, beside its per-user-request figures.
 */
final class Composites {

    /** How one composite entry starts a user request; {@code draw} is the factory's user-message source. */
    private interface Starter {
        UserRequest start(Function<RequestType, String> draw, SplittableRandom random);
    }

    private final List<String> cellNames = new ArrayList<>();
    private final List<String> requestTypeNames = new ArrayList<>();
    private final Set<String> userRequestTypes = new LinkedHashSet<>();
    private final Starter[] starters;
    private final Tokenizer tokenizer;

    Composites(WorkloadSpec workload, List<RequestType> types, String model, Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
        long corpusSeed = workload.seed() == null ? 1 : workload.seed();
        starters = new Starter[types.size()];
        types.forEach(t -> cellNames.add(t.name()));
        for (RequestType type : types) {
            RequestTypeSpec spec = workload.mix().get(type.index());
            if (RequestType.isRag(spec)) {
                starters[type.index()] = rag(type, spec.rag(), model, corpusSeed + type.index());
            } else if (spec.session() != null) {
                starters[type.index()] = session(type, spec.session(), model);
            } else if (spec.chain() != null) {
                starters[type.index()] = chain(type, spec.chain(), model);
            }
            if (starters[type.index()] != null) {
                userRequestTypes.add(type.name());
            }
            if (!RequestType.isRag(spec)) {
                requestTypeNames.add(type.name());
            }
        }
    }

    /** Every metrics cell's name, by cell index. */
    List<String> cellNames() {
        return List.copyOf(cellNames);
    }

    /** The cells that hold requests (every one but a RAG entry's own), in mix order: report.json's requestTypes. */
    List<String> requestTypeNames() {
        return List.copyOf(requestTypeNames);
    }

    /** The entries with per-user-request figures. */
    Set<String> userRequestTypes() {
        return Set.copyOf(userRequestTypes);
    }

    /** A composite user request of {@code type}, or null when the type sends single requests. */
    UserRequest start(RequestType type, Function<RequestType, String> draw, SplittableRandom random) {
        Starter starter = starters[type.index()];
        return starter == null ? null : starter.start(draw, random);
    }

    private Starter rag(RequestType type, RagSpec spec, String model, long seed) {
        int documents = spec == null || spec.retrievedDocuments() == null ? RagSpec.DEFAULT_RETRIEVED_DOCUMENTS
                : spec.retrievedDocuments();
        int documentTokens = spec == null || spec.documentTokens() == null ? RagSpec.DEFAULT_DOCUMENT_TOKENS
                : spec.documentTokens();
        String embeddingModel = spec == null || spec.embeddingModel() == null ? model : spec.embeddingModel();
        DocumentCorpus corpus = new DocumentCorpus(seed, documentTokens, tokenizer);
        RequestType retrieve = type.asEmbeddingsStep(addCell(type.name() + ".retrieve"), type.name() + ".retrieve");
        RequestType generate = type.asStep(addCell(type.name() + ".generate"), type.name() + ".generate");
        return (draw, random) -> {
            String question = draw.apply(type);
            return new RagRequest(type.index(), retrieve, generate, embeddingModel, model, question,
                    corpus.context(question, documents), () -> type.maxTokens().sample(random), tokenizer);
        };
    }

    private Starter session(RequestType type, SessionSpec spec, String model) {
        TokenDistribution turns = TokenDistribution.of(spec.turns());
        long thinkNanos = Durations.parseOr(spec.thinkTime(), Duration.ZERO).toNanos();
        return (draw, random) -> new Conversation(type, model, Math.min(SessionSpec.MAX_TURNS, turns.sample(random)),
                thinkNanos, () -> draw.apply(type), () -> type.maxTokens().sample(random), tokenizer);
    }

    private Starter chain(RequestType type, ChainSpec spec, String model) {
        int steps = spec.steps() == null ? ChainSpec.DEFAULT_STEPS : spec.steps();
        boolean carry = spec.carryOutput() == null || spec.carryOutput();
        return (draw, random) -> new AgentChain(type, model, steps, carry, () -> draw.apply(type),
                () -> type.maxTokens().sample(random), tokenizer);
    }

    private int addCell(String name) {
        cellNames.add(name);
        requestTypeNames.add(name);
        return cellNames.size() - 1;
    }
}
