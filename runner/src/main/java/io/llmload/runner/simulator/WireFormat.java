package io.llmload.runner.simulator;

import io.vertx.core.buffer.Buffer;

/**
 * How one generation request's answer looks on the wire: chat / completions chunks ({@link ChunkFormat}) or the
 * Responses API's typed events ({@link ResponsesFormat}). {@link GenerationExchange} decides when each part goes out.
 */
interface WireFormat {

    /** Sent just before the first token chunk (chat's role chunk, the Responses API's opening events); or null. */
    Buffer opening();

    /** One chunk carrying tokens {@code firstToken .. firstToken + count - 1}. */
    Buffer tokenChunk(int firstToken, int count, boolean last);

    /** Everything after the last token: usage (when asked for) and the end marker ([DONE], response.completed). */
    Buffer closing(int promptTokens, int completionTokens, boolean includeUsage);

    /** A chunk of cut-off JSON (the "malformed" fault). */
    Buffer malformed();

    /** The complete non-streamed body. */
    String fullResponse(int promptTokens, int completionTokens);

    static WireFormat of(GenerationRequest request, String id, long createdSeconds, String quotedModel, long seed,
            long ordinal) {
        return RequestTruth.API_RESPONSES.equals(request.api())
                ? new ResponsesFormat(id, createdSeconds, quotedModel, seed, ordinal)
                : new ChunkFormat(request.chat(), id, createdSeconds, quotedModel, seed, ordinal);
    }
}
