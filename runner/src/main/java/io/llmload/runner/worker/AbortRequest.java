package io.llmload.runner.worker;

/** Body of {@code POST /v1/abort}; the reason ends up in the result ({@code RunData.abortReason}). */
public record AbortRequest(String reason) {
}
