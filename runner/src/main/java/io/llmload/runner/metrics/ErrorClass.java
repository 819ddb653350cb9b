package io.llmload.runner.metrics;

/** Why a request failed (DESIGN.md §4). Error rate = errors / attempts. */
public enum ErrorClass {
    /** HTTP 429; the Retry-After value is kept. */
    RATE_LIMITED("rateLimited"),
    /** HTTP 5xx, or an error object inside a stream. */
    SERVER("server"),
    /** HTTP 4xx other than 429. */
    CLIENT("client"),
    /** No complete response within the request timeout. */
    TIMEOUT("timeout"),
    /** Connect failure, reset or close before the response ended. */
    CONNECTION("connection"),
    /** Malformed SSE or JSON, or a truncated stream. */
    PROTOCOL("protocol");

    private final String key;

    ErrorClass(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
