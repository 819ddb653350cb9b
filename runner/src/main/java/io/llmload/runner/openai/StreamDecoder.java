package io.llmload.runner.openai;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Decodes one streamed chat / completions response: SSE framing ({@link SseParser}) plus the JSON of each chunk
 * ({@link CompletionJson}), both on the raw bytes, reported to a {@link StreamListener}. One instance per request; not
 * thread-safe.
 *
 * <p>A stream completes with {@code data: [DONE]}, or — for servers that send none (TGI before 2.1.1, some proxies) —
 * when the body ends after a chunk with a {@code finish_reason}, on an event boundary, with a usage (if any) that
 * covers the token chunks received. A body that ends before any of that is a truncated stream.
 *
 * <p>Never throws because of what the server sent: malformed, non-object, oversized or truncated input becomes one
 * {@link StreamError.Kind#PROTOCOL} error, an error object inside the stream one {@link StreamError.Kind#SERVER}
 * error. JSON is decoded outside of any listener call, so an exception thrown by the listener itself propagates
 * unchanged instead of being mistaken for a protocol error.
 */
public final class StreamDecoder {

    private static final int PREVIEW_CHARS = 120;
    private static final int PREVIEW_BYTES = 4 * PREVIEW_CHARS;

    private final Api api;
    private final StreamListener listener;
    private final SseParser parser;
    private final CompletionJson chunk = new CompletionJson();
    private final TokenDelta delta = new TokenDelta();
    /** Arrival time of the read being parsed: every event inside one read gets the same time. */
    private long nanos;
    private int tokenChunks;
    private int usageCompletionTokens = -1;
    private boolean done;
    private boolean failed;
    private boolean finished;
    private boolean ended;

    public StreamDecoder(Api api, StreamListener listener) {
        this(api, listener, SseParser.DEFAULT_MAX_EVENT_BYTES);
    }

    /** @param maxEventBytes the longest SSE line or event accepted; a longer one fails the stream as protocol */
    public StreamDecoder(Api api, StreamListener listener, int maxEventBytes) {
        this.api = Objects.requireNonNull(api, "api");
        if (!api.streams()) {
            throw new IllegalArgumentException(api + " responses are not streamed");
        }
        this.listener = Objects.requireNonNull(listener, "listener");
        this.parser = new SseParser(new Events(), maxEventBytes);
    }

    /** One network read of the body, received at {@code nanos}. */
    public void feed(Buffer chunk, long nanos) {
        if (done || failed || ended) {
            return; // nothing after [DONE] or an error is reported, so nothing needs parsing
        }
        this.nanos = nanos;
        parser.feed(chunk);
    }

    /**
     * End of body at {@code nanos}: completes a finished stream that sent no [DONE], else an error unless [DONE] (or
     * an error) was already seen. Idempotent.
     */
    public void end(long nanos) {
        if (ended) {
            return;
        }
        ended = true;
        this.nanos = nanos;
        parser.end();
        if (done || failed) {
            return;
        }
        if (!finished) {
            fail(StreamError.Kind.PROTOCOL, "stream ended before [DONE] and before any finish_reason");
        } else if (usageCompletionTokens >= 0 && usageCompletionTokens < tokenChunks) {
            fail(StreamError.Kind.PROTOCOL, "stream ended without [DONE] after finish_reason, and its usage ("
                    + usageCompletionTokens + " completion tokens) does not cover the " + tokenChunks
                    + " token chunks received");
        } else {
            done = true; // finished, nothing cut: a server that sends no [DONE]
            listener.onComplete(nanos);
        }
    }

    private void event(byte[] data, int offset, int length) {
        if (done || failed) {
            return;
        }
        int start = offset;
        int stop = offset + length;
        while (start < stop && isWhitespace(data[start])) {
            start++;
        }
        while (stop > start && isWhitespace(data[stop - 1])) {
            stop--;
        }
        if (start == stop) {
            return; // an empty "data:" event carries nothing; tolerated rather than failing the request
        }
        if (isDone(data, start, stop)) {
            done = true;
            listener.onComplete(nanos);
            return;
        }
        String problem = chunk.read(data, offset, length);
        if (problem != null) {
            fail(StreamError.Kind.PROTOCOL, (chunk.malformed ? "malformed JSON in stream event (" + problem + ")"
                    : "stream event is " + problem) + ": " + preview(data, offset, length));
            return;
        }
        if (chunk.serverError != null) {
            fail(StreamError.Kind.SERVER, chunk.serverError);
            return;
        }
        if (delta.set(chunk.content(api), chunk.reasoning, chunk.hasToolCalls, chunk.toolCallText)) {
            tokenChunks++;
            listener.onTokens(nanos, delta);
        }
        if (chunk.finishReason != null && !finished) {
            finished = true;
            listener.onFinish(chunk.finishReason);
        }
        if (chunk.hasUsage) {
            usageCompletionTokens = chunk.completionTokens;
            listener.onUsage(chunk.promptTokens, chunk.completionTokens);
        }
    }

    private static boolean isDone(byte[] b, int start, int stop) {
        return stop - start == 6 && b[start] == '[' && b[start + 1] == 'D' && b[start + 2] == 'O'
                && b[start + 3] == 'N' && b[start + 4] == 'E' && b[start + 5] == ']';
    }

    private static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private void fail(StreamError.Kind kind, String message) {
        fail(new StreamError(kind, message));
    }

    private void fail(StreamError error) {
        failed = true;
        listener.onError(error);
    }

    private void incomplete(byte[] data, int offset, int length) {
        if (done || failed) {
            return; // after [DONE] trailing bytes do not matter
        }
        fail(StreamError.Kind.PROTOCOL, "stream ended inside an event"
                + (finished ? " after finish_reason" : " before [DONE]") + " (incomplete trailing event: "
                + preview(data, offset, length) + ")");
    }

    private void oversized(int limitBytes) {
        if (done || failed) {
            return;
        }
        fail(StreamError.oversized(limitBytes));
    }

    private static String preview(byte[] data, int offset, int length) {
        return Json.preview(new String(data, offset, Math.min(length, PREVIEW_BYTES), StandardCharsets.UTF_8),
                PREVIEW_CHARS);
    }

    /** Routes parser callbacks into the decoder without exposing them on its public API. */
    private final class Events implements SseListener {
        @Override
        public void onEvent(byte[] data, int offset, int length) {
            event(data, offset, length);
        }

        @Override
        public void onIncomplete(byte[] data, int offset, int length) {
            incomplete(data, offset, length);
        }

        @Override
        public void onOversized(int limitBytes) {
            oversized(limitBytes);
        }
    }
}
