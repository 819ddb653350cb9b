package io.llmload.runner.workload;

import io.vertx.core.buffer.Buffer;

/** A request ready to send: its type, encoded body, and what the client knows of its size. */
public record PreparedRequest(RequestType type, Buffer body, int promptTokens, int maxTokens) {
}
