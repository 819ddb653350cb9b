package io.llmload.runner.target;

/** The target could not be reached at all (refused, unknown host, TLS handshake failed, no answer in time). */
public final class TargetUnreachableException extends RuntimeException {

    public TargetUnreachableException(String message) {
        super(message);
    }
}
