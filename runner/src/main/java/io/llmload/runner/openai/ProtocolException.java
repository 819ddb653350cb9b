package io.llmload.runner.openai;

/** A response that does not follow the OpenAI protocol (malformed JSON, missing fields, error object). */
public final class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
