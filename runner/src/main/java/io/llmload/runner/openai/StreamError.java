package io.llmload.runner.openai;

/** Why a streamed response failed. */
public record StreamError(Kind kind, String message) {

    public enum Kind {
        /** The stream broke the protocol: malformed or non-object JSON, truncated, ended before [DONE]. */
        PROTOCOL,
        /** The server reported an error inside the stream (an OpenAI / vLLM error object). */
        SERVER
    }
}
