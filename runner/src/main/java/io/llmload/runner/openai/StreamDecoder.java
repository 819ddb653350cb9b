package io.llmload.runner.openai;

import com.fasterxml.jackson.core.JsonParser;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Objects;

/**
 * Decodes one streamed chat / completions response: SSE framing ({@link SseParser}) plus the JSON of each chunk
 * ({@link CompletionJson}), reported to a {@link StreamListener}. One instance per request; not thread-safe.
 *
 * <p>Never throws because of what the server sent: malformed, non-object or truncated input becomes one
 * {@link StreamError.Kind#PROTOCOL} error, an error object inside the stream one {@link StreamError.Kind#SERVER}
 * error. JSON is decoded outside of any listener call, so an exception thrown by the listener itself propagates
 * unchanged instead of being mistaken for a protocol error.
 */
public final class StreamDecoder {

    private static final String DONE = "[DONE]";
    private static final int PREVIEW_CHARS = 120;

    private final Api api;
    private final StreamListener listener;
    private final SseParser parser;
    private final CompletionJson chunk = new CompletionJson();
    /** Arrival time of the read being parsed: every event inside one read gets the same time. */
    private long nanos;
    private boolean done;
    private boolean failed;
    private boolean finished;
    private boolean ended;

    public StreamDecoder(Api api, StreamListener listener) {
        this.api = Objects.requireNonNull(api, "api");
        if (!api.streams()) {
            throw new IllegalArgumentException(api + " responses are not streamed");
        }
        this.listener = Objects.requireNonNull(listener, "listener");
        this.parser = new SseParser(new Events());
    }

    /** One network read of the body, received at {@code nanos}. */
    public void feed(Buffer chunk, long nanos) {
        if (done || failed || ended) {
            return; // nothing after [DONE] or an error is reported, so nothing needs parsing
        }
        this.nanos = nanos;
        parser.feed(chunk);
    }

    /** End of body at {@code nanos}: an error unless [DONE] (or an error) was already seen. Idempotent. */
    public void end(long nanos) {
        if (ended) {
            return;
        }
        ended = true;
        this.nanos = nanos;
        parser.end();
        if (!done && !failed) {
            fail(StreamError.Kind.PROTOCOL, "stream ended before [DONE]");
        }
    }

    private void event(String data) {
        if (done || failed) {
            return;
        }
        if (isDone(data)) {
            done = true;
            listener.onComplete(nanos);
            return;
        }
        if (data.isBlank()) {
            return; // an empty "data:" event carries nothing; tolerated rather than failing the request
        }
        String problem = decode(data);
        if (problem != null) {
            fail(StreamError.Kind.PROTOCOL, problem);
            return;
        }
        if (chunk.serverError != null) {
            fail(StreamError.Kind.SERVER, chunk.serverError);
            return;
        }
        String content = chunk.content(api);
        if (content != null && !content.isEmpty()) {
            listener.onContent(nanos, content);
        }
        if (chunk.finishReason != null && !finished) {
            finished = true;
            listener.onFinish(chunk.finishReason);
        }
        if (chunk.hasUsage) {
            listener.onUsage(chunk.promptTokens, chunk.completionTokens);
        }
    }

    /** Fills {@link #chunk}; returns null when decoded, else the protocol error. */
    private String decode(String data) {
        try (JsonParser p = Json.FACTORY.createParser(data)) {
            String problem = chunk.read(p);
            return problem == null ? null : "stream event is " + problem + ": " + Json.preview(data, PREVIEW_CHARS);
        } catch (IOException | RuntimeException e) {
            return "malformed JSON in stream event (" + Json.reason(e) + "): " + Json.preview(data, PREVIEW_CHARS);
        }
    }

    private static boolean isDone(String data) {
        return data.length() >= DONE.length() && data.length() <= DONE.length() + 4
                && DONE.equals(data.strip());
    }

    private void fail(StreamError.Kind kind, String message) {
        failed = true;
        listener.onError(new StreamError(kind, message));
    }

    private void incomplete(String partialData) {
        if (done || failed) {
            return; // after [DONE] trailing bytes do not matter
        }
        fail(StreamError.Kind.PROTOCOL, "stream ended before [DONE] (incomplete trailing event: "
                + Json.preview(partialData, PREVIEW_CHARS) + ")");
    }

    /** Routes parser callbacks into the decoder without exposing them on its public API. */
    private final class Events implements SseListener {
        @Override
        public void onEvent(String data) {
            event(data);
        }

        @Override
        public void onIncomplete(String partialData) {
            incomplete(partialData);
        }
    }
}
