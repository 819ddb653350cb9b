package io.llmload.runner.workload;

/**
 * What one simulated user asks for: a single request, or a composite (RAG, a multi-turn session, an agent chain)
 * whose steps are sent one after another, each built once the previous one has ended. A small state machine, used
 * from the engine's event loop only.
 */
public interface UserRequest {

    /** The first step. */
    PreparedRequest first();

    /**
     * The step after the previous one succeeded, built from its {@code reply} (the response text when that step
     * asked to keep it, else empty); null when the user request is complete.
     */
    PreparedRequest next(String reply);

    /** Pause between one step's end and the next step's due time: a session's think time, 0 for the others. */
    default long pauseNanos() {
        return 0;
    }

    /** The metrics cell of this user request's end-to-end figures; -1 for a single request (its request is all). */
    int userRequestCell();
}
