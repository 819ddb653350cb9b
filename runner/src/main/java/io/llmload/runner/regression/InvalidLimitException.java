package io.llmload.runner.regression;

/** A regression limit that cannot be read; the message names the problem and how to write it instead. */
public final class InvalidLimitException extends IllegalArgumentException {

    public InvalidLimitException(String message) {
        super(message);
    }
}
