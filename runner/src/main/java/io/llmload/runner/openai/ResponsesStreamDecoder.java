package io.llmload.runner.openai;

import com.fasterxml.jackson.core.JsonParser;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
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
    private long nanos;
    private boolean done;
    private boolean failed;
    private boolean ended;

    public ResponsesStreamDecoder(StreamListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.parser = new SseParser(new Events());
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
            case "response.output_text.delta", "response.reasoning_text.delta", "response.reasoning_summary_text.delta",
                    "response.function_call_arguments.delta" -> {
                if (event.delta != null && !event.delta.isEmpty()) {
                    listener.onContent(nanos, event.delta);
                }
            }
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

    private void complete() {
        done = true;
        listener.onComplete(nanos);
    }

    private void fail(StreamError.Kind kind, String message) {
        failed = true;
        listener.onError(new StreamError(kind, message));
    }

    private final class Events implements SseListener {
        @Override
        public void onEvent(String data) {
            event(data);
        }

        @Override
        public void onIncomplete(String partialData) {
            if (!done && !failed) {
                fail(StreamError.Kind.PROTOCOL, "stream ended before response.completed (incomplete trailing event: "
                        + Json.preview(partialData, PREVIEW_CHARS) + ")");
            }
        }
    }
}
