package io.llmload.runner.simulator;

/** A request the simulator refuses, rendered as an OpenAI error body by {@link OpenAiJson#error}. */
final class ApiException extends RuntimeException {

    static final String INVALID_REQUEST = "invalid_request_error";

    final int status;
    final String type;

    ApiException(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, INVALID_REQUEST, message);
    }
}
