package io.llmload.runner.engine;

/** Decides when requests are sent: closed (virtual users) or open (fire times). Runs on the engine's control loop. */
interface LoadDriver {

    void start();

    /** Stop starting new requests; in-flight ones are the engine's business. */
    void stop();
}
