package io.llmload.runner.openai;

/**
 * Receives the events an {@link SseParser} assembles. Data is handed over as raw UTF-8 bytes, {@code length} bytes of
 * {@code data} from {@code offset}, valid only during the call (the array is the network read or a reused buffer).
 */
public interface SseListener {

    /** A complete event (terminated by a blank line): its data lines joined with "\n". */
    void onEvent(byte[] data, int offset, int length);

    /**
     * The body ended inside an event: its data so far (possibly empty). The event is never dispatched: half a JSON
     * chunk is not a chunk.
     */
    default void onIncomplete(byte[] data, int offset, int length) {
    }

    /** A line or an event exceeded {@code limitBytes}: the parser stopped and reports nothing more. */
    void onOversized(int limitBytes);
}
