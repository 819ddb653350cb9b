package io.llmload.runner.openai;

/** Why a streamed response failed. */
public record StreamError(Kind kind, String message) {

    public enum Kind {
        /** The stream broke the protocol: malformed or non-object JSON, truncated, ended before [DONE]. */
        PROTOCOL,
        /** The server reported an error inside the stream (an OpenAI / vLLM error object). */
        SERVER
    }

    /** A line or event over the SSE cap: the same error whatever the framing (chat chunks or Responses events). */
    static StreamError oversized(int limitBytes) {
        return new StreamError(Kind.PROTOCOL, "stream line or event longer than " + limitBytes
                + " bytes (spec.target.maxEventBytes): the server sent more than any chunk should hold");
    }
}
