package io.llmload.runner.openai;

import com.fasterxml.jackson.core.JsonParser;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Decodes one streamed {@code /v1/responses} body: typed SSE events ({@code event: <type>} beside a JSON
 * {@code data} carrying the same {@code type}), as vLLM writes them. Text arrives in
 * {@code response.output_text.delta} events (reasoning and tool-call argument deltas are generated tokens too and
 * count the same way); {@code response.completed} (or {@code response.incomplete}, e.g. max_output_tokens reached)
 * ends the stream with the usage; {@code response.failed} and {@code error} events are server errors. There is no
 * {@code [DONE]}: a body that ends before the final event is a protocol error. Never throws because of what the server
 * sent. One instance per request; not thread-safe.
 */
public final class ResponsesStreamDecoder {

    private static final int PREVIEW_CHARS = 120;

    private final StreamListener listener;
    private final SseParser parser;
    private final ResponsesJson event = new ResponsesJson();
    private final TokenDelta tokens = new TokenDelta();
    private long nanos;
    private boolean done;
    private boolean failed;
    private boolean ended;

    public ResponsesStreamDecoder(StreamListener listener) {
        this(listener, SseParser.DEFAULT_MAX_EVENT_BYTES);
    }

    /** @param maxEventBytes the longest SSE line or event accepted (spec.target.maxEventBytes) */
    public ResponsesStreamDecoder(StreamListener listener, int maxEventBytes) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.parser = new SseParser(new Events(), maxEventBytes);
    }

    /** One network read of the body, received at {@code nanos}. */
    public void feed(Buffer chunk, long nanos) {
        if (done || failed || ended) {
            return;
        }
        this.nanos = nanos;
        parser.feed(chunk);
    }

    /** End of body at {@code nanos}: an error unless the final event (or an error) was seen. Idempotent. */
    public void end(long nanos) {
        if (ended) {
            return;
        }
        ended = true;
        this.nanos = nanos;
        parser.end();
        if (!done && !failed) {
            fail(StreamError.Kind.PROTOCOL, "stream ended before response.completed");
        }
    }

    private void event(String data) {
        if (done || failed || data.isBlank()) {
            return;
        }
        if ("[DONE]".equals(data.strip())) {
            // Not sent by vLLM; some proxies append it. Whatever came before was the whole response.
            complete();
            return;
        }
        String problem;
        try (JsonParser p = Json.FACTORY.createParser(data)) {
            problem = event.read(p);
        } catch (IOException | RuntimeException e) {
            problem = "malformed JSON (" + Json.reason(e) + ")";
        }
        if (problem != null) {
            fail(StreamError.Kind.PROTOCOL, "stream event is " + problem + ": " + Json.preview(data, PREVIEW_CHARS));
            return;
        }
        String type = event.type == null ? "" : event.type;
        switch (type) {
            case "response.output_text.delta" -> tokens(event.delta, null, false);
            case "response.reasoning_text.delta", "response.reasoning_summary_text.delta" ->
                    tokens(null, event.delta, false);
            case "response.function_call_arguments.delta" ->
                    tokens(null, null, event.delta != null && !event.delta.isEmpty());
            case "response.completed", "response.incomplete" -> {
                if (event.hasUsage) {
                    listener.onUsage(event.inputTokens, event.outputTokens);
                }
                listener.onFinish(event.status != null ? event.status : type.substring("response.".length()));
                complete();
            }
            case "response.failed", "error" -> fail(StreamError.Kind.SERVER,
                    event.error != null ? event.error : "response failed");
            default -> {
                // response.created, in_progress, output_item.added, content_part.added/done, *.done: no tokens.
                if (event.error != null) {
                    fail(StreamError.Kind.SERVER, event.error);
                }
            }
        }
    }

    /** Reasoning and tool-call argument deltas are generated tokens too, of their own kind. */
    private void tokens(String answer, String reasoning, boolean toolCall) {
        if (tokens.set(answer, reasoning, toolCall, toolCall ? event.delta : null)) {
            listener.onTokens(nanos, tokens);
        }
    }

    private void complete() {
        done = true;
        listener.onComplete(nanos);
    }

    private void fail(StreamError.Kind kind, String message) {
        fail(new StreamError(kind, message));
    }

    private void fail(StreamError error) {
        failed = true;
        listener.onError(error);
    }

    private final class Events implements SseListener {
        @Override
        public void onEvent(byte[] data, int offset, int length) {
            event(new String(data, offset, length, StandardCharsets.UTF_8));
        }

        @Override
        public void onIncomplete(byte[] data, int offset, int length) {
            if (!done && !failed) {
                fail(StreamError.Kind.PROTOCOL, "stream ended before response.completed (incomplete trailing event: "
                        + Json.preview(new String(data, offset, length, StandardCharsets.UTF_8), PREVIEW_CHARS) + ")");
            }
        }

        @Override
        public void onOversized(int limitBytes) {
            if (!done && !failed) {
                fail(StreamError.oversized(limitBytes));
            }
        }
    }
}
