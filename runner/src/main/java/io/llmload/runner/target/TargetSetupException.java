package io.llmload.runner.target;

/**
 * The target cannot be used as configured: a TLS file that cannot be read, a header's environment variable that is
 * not set, a server that lists no model or several. The message names the field and the fix, on one line.
 */
public final class TargetSetupException extends RuntimeException {

    public TargetSetupException(String message) {
        super(message);
    }

    public TargetSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
