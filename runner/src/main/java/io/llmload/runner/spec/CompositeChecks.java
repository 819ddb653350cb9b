package io.llmload.runner.spec;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The composite request types' settings: rag, session and chain, each only where it applies. */
final class CompositeChecks extends Checks {

    private CompositeChecks() {
    }

    /** @param at the request type's path, e.g. spec.workload.mix[2] */
    static List<Violation> check(String at, RequestTypeSpec type) {
        CompositeChecks checks = new CompositeChecks();
        checks.checkComposite(at, type);
        return checks.violations;
    }

    static List<Violation> ragStepNames(String p, List<RequestTypeSpec> mix, Set<String> names) {
        CompositeChecks checks = new CompositeChecks();
        checks.checkRagStepNames(p, mix, names);
        return checks.violations;
    }

    /** A RAG type's calls are reported as {@code <name>.retrieve} and {@code <name>.generate}: keep them free. */
    private void checkRagStepNames(String p, List<RequestTypeSpec> mix, Set<String> names) {
        for (int i = 0; i < mix.size(); i++) {
            RequestTypeSpec type = mix.get(i);
            if (type != null && !blank(type.name()) && "rag".equalsIgnoreCase(type.api())
                    && (names.contains(type.name() + ".retrieve") || names.contains(type.name() + ".generate"))) {
                add(p + "[" + i + "].name", "the RAG calls are reported as '" + type.name() + ".retrieve' and '"
                        + type.name() + ".generate': rename the request type that uses one of those names");
            }
        }
    }

    /** rag, session and chain: each only where it applies, and at most one of them per request type. */
    private void checkComposite(String at, RequestTypeSpec type) {
        String api = type.api().toLowerCase(Locale.ROOT);
        if (type.rag() != null && !api.equals("rag")) {
            add(at + ".rag", "only api: rag takes rag settings: remove rag or set api: rag");
        }
        if (type.rag() != null && api.equals("rag")) {
            RagSpec rag = type.rag();
            if (rag.retrievedDocuments() != null && (rag.retrievedDocuments() < 1 || rag.retrievedDocuments() > 100)) {
                add(at + ".rag.retrievedDocuments", "must be between 1 and 100");
            }
            if (rag.documentTokens() != null && (rag.documentTokens() < 1 || rag.documentTokens() > 100_000)) {
                add(at + ".rag.documentTokens", "must be between 1 and 100000");
            }
            if (rag.embeddingModel() != null && rag.embeddingModel().isBlank()) {
                add(at + ".rag.embeddingModel", "must not be empty: remove it to use target.model");
            }
        }
        if (type.session() != null && type.chain() != null) {
            add(at + ".chain", "a request type is either a session or a chain: remove one of them");
        }
        if (type.session() != null) {
            if (!api.equals("chat")) {
                add(at + ".session", "only api: chat has multi-turn sessions");
            }
            if (type.session().turns() == null) {
                add(at + ".session.turns", "required: turns per session, e.g. {value: 4}");
            } else {
                distribution(at + ".session.turns", type.session().turns());
            }
            duration(at + ".session.thinkTime", type.session().thinkTime());
        }
        if (type.chain() != null) {
            if (!api.equals("chat")) {
                add(at + ".chain", "only api: chat has agent chains");
            }
            if (type.chain().steps() != null && (type.chain().steps() < 1 || type.chain().steps() > 1000)) {
                add(at + ".chain.steps", "must be between 1 and 1000");
            }
        }
    }
}
