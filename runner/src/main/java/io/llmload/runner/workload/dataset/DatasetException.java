package io.llmload.runner.workload.dataset;

/** A dataset that cannot be used: missing, unreadable, or without one usable entry. The message names the file. */
public final class DatasetException extends IllegalArgumentException {

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
