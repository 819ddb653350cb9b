package io.llmload.runner.workload;

import io.llmload.runner.spec.RequestTypeSpec;
import io.llmload.runner.spec.WorkloadSpec;
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

    /** Every composite kind; an entry is of the first kind that claims it (the validator allows at most one). */
    static final List<CompositeKind> KINDS = List.of(RagRequest.KIND, Conversation.KIND, AgentChain.KIND);

    private final List<String> cellNames = new ArrayList<>();
    private final List<String> requestTypeNames = new ArrayList<>();
    private final Set<String> userRequestTypes = new LinkedHashSet<>();
    private final CompositeKind.Starter[] starters;

    Composites(WorkloadSpec workload, List<RequestType> types, String model, Tokenizer tokenizer) {
        long seed = workload.seed() == null ? 1 : workload.seed();
        CompositeKind.Setup setup = new CompositeKind.Setup() {
            @Override
            public String model() {
                return model;
            }

            @Override
            public Tokenizer tokenizer() {
                return tokenizer;
            }

            @Override
            public long seed(RequestType type) {
                return seed + type.index();
            }

            @Override
            public int addCell(String name) {
                cellNames.add(name);
                requestTypeNames.add(name);
                return cellNames.size() - 1;
            }
        };
        starters = new CompositeKind.Starter[types.size()];
        types.forEach(t -> cellNames.add(t.name()));
        for (RequestType type : types) {
            RequestTypeSpec spec = workload.mix().get(type.index());
            CompositeKind kind = KINDS.stream().filter(k -> k.of(spec)).findFirst().orElse(null);
            if (kind != null) {
                starters[type.index()] = kind.starter(type, spec, setup);
                userRequestTypes.add(type.name());
            }
            if (kind == null || kind.entryCellHoldsRequests()) {
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
        CompositeKind.Starter starter = starters[type.index()];
        return starter == null ? null : starter.start(draw, random);
    }
}
