package io.llmload.runner.engine;

import io.llmload.runner.metrics.RequestTrace;

/** What drivers need from the engine: the test clock and a way to send one request. */
interface RequestLauncher {

    /** System.nanoTime() at the test start. */
    long startNanos();

    /** Nanoseconds since the test start. */
    default long offsetNanos() {
        return System.nanoTime() - startNanos();
    }

    /**
     * Pass as the intended time when the request is due as soon as it can go (a closed-model user): the I/O lane
     * takes the time when it starts the request, so building it and handing it over are not latency.
     */
    long WHEN_PREPARED = RequestTrace.DUE_WHEN_STARTED;

    /**
     * Sends one user request intended at {@code intendedNanos} (or {@link #WHEN_PREPARED}); {@code onDone} (nullable)
     * runs after it ended.
     */
    void launch(long intendedNanos, Done onDone);

    /** How a user request ended, as far as its user cares. */
    @FunctionalInterface
    interface Done {
        /** @param unreachable it failed without reaching the server (a connection could not be opened) */
        void ended(boolean unreachable);
    }
}
