package io.llmload.runner.workload;

import io.llmload.runner.spec.RequestTypeSpec;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A kind of composite user request (RAG, session, chain): which mix entries are of this kind and how each of their
 * user requests starts. Each kind is declared by its state machine ({@code RagRequest.KIND}, ...) and registered in
 * {@link Composites#KINDS}: a new composite is one class and one line there.
 */
interface CompositeKind {

    /** Whether the mix entry is of this kind. */
    boolean of(RequestTypeSpec spec);

    /** How the entry's user requests start; may add metrics cells for its steps through {@code setup}. */
    Starter starter(RequestType type, RequestTypeSpec spec, Setup setup);

    /** False when the entry's own cell only holds per-user-request figures, its requests being in step cells. */
    default boolean entryCellHoldsRequests() {
        return true;
    }

    /** Starts one user request; {@code draw} is the factory's user-message source. */
    interface Starter {
        UserRequest start(Function<RequestType, String> draw, SplittableRandom random);
    }

    /** What a kind may use while setting an entry up. */
    interface Setup {
        String model();

        Tokenizer tokenizer();

        /** Seeds the entry's generated documents (stable for the workload's seed). */
        long seed(RequestType type);

        /** A metrics cell of its own for a step of the entry; returns its index. */
        int addCell(String name);
    }
}
