package io.llmload.runner.engine;

/** What drivers need from the engine: the test clock and a way to send one request. */
interface RequestLauncher {

    /** System.nanoTime() at the test start. */
    long startNanos();

    /** Nanoseconds since the test start. */
    long offsetNanos();

    /** Sends one request intended at {@code intendedNanos}; {@code onDone} (nullable) runs after it finished. */
    void launch(long intendedNanos, Runnable onDone);
}
