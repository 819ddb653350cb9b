package io.llmload.runner.workload;

import io.vertx.core.buffer.Buffer;

/**
 * A request ready to send: its type, encoded body, and what the client knows of its size. {@code keepReply}: the
 * response text is needed to build the next step of a composite (a session's history, a chain's carried output), so
 * the client keeps it; otherwise only its token count is kept.
 */
public record PreparedRequest(RequestType type, Buffer body, int promptTokens, int maxTokens, boolean keepReply) {

    public PreparedRequest(RequestType type, Buffer body, int promptTokens, int maxTokens) {
        this(type, body, promptTokens, maxTokens, false);
    }
}
