package io.llmload.runner.plan;

/** Closed: a fixed number of users, each sending its next request when the last one ended. Open: arrivals per second, independent of responses. */
public enum LoadModel {
    CLOSED, OPEN;

    public String levelUnit() {
        return this == CLOSED ? "users" : "req/s";
    }
}
