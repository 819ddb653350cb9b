package io.llmload.runner.openai;

/** Receives the events an {@link SseParser} assembles. */
public interface SseListener {

    /** A complete event (terminated by a blank line); {@code data} is its data lines joined with "\n". */
    void onEvent(String data);

    /**
     * The body ended inside an event: {@code partialData} is its data so far (possibly empty). The event is never
     * dispatched: half a JSON chunk is not a chunk.
     */
    default void onIncomplete(String partialData) {
    }
}
