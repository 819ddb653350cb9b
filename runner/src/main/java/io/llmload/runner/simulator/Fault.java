package io.llmload.runner.simulator;

/** Injected faults, with the names recorded in {@link RequestTruth#fault()}. */
enum Fault {
    NONE(null),
    RATE_LIMITED("rate_limited"),
    SERVER_ERROR("server_error"),
    STALL("stall"),
    MALFORMED("malformed");

    final String wireName;

    Fault(String wireName) {
        this.wireName = wireName;
    }
}
