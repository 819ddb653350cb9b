package io.llmload.runner.engine;

import io.llmload.runner.metrics.ErrorClass;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.openai.Api;
import io.llmload.runner.openai.ProtocolException;
import io.llmload.runner.openai.ResponseDecoder;
import io.llmload.runner.openai.ResponsesApi;
import io.llmload.runner.openai.ResponsesStreamDecoder;
import io.llmload.runner.openai.ScoringApi;
import io.llmload.runner.openai.StreamDecoder;
import io.llmload.runner.openai.StreamError;
import io.llmload.runner.openai.StreamListener;
import io.llmload.runner.openai.TokenDelta;
import io.llmload.runner.target.ConnectionErrors;
import io.llmload.runner.workload.PreparedRequest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpConnection;
import java.io.IOException;
import java.net.ConnectException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Sends one prepared request over a lane's pooled Vert.x {@link HttpClient} and records into its {@link RequestTrace}
 * everything the metrics need: send time, each content chunk's arrival and text, usage, and the error class if it
 * fails. Non-blocking; used from its lane's event loop only (so the connections, and every timestamp, are that
 * loop's).
 *
 * <p>Connections come from the lane's {@link ConnectionPools}; a request waiting for a slot keeps its intended time.
 *
 * <p>A request whose reused connection closes before any response byte arrived is sent once more on a new connection
 * (see {@link TargetHttp}): the server closed an idle connection as the request went out, it never saw the request.
 * Its intended time and timeout are unchanged, so the lost round trip still counts as latency, and the trace says it
 * happened.
 */
final class RequestExecutor implements AutoCloseable {

    private final Vertx vertx;
    private final TargetHttp http;
    private final ConnectionPools pools;
    private final long timeoutNanos;
    private final String timeoutText;
    /** Connections that already carried a request (a request on one of them is on a reused connection). */
    private final Set<HttpConnection> used;

    RequestExecutor(Vertx vertx, Target target, int connections) {
        this.vertx = vertx;
        this.http = new TargetHttp(target);
        this.pools = new ConnectionPools(vertx, http, connections);
        // Sized for every connection the lane may open: rehashing 10,000 identity hashes while connections open
        // showed in the profile of a 10,000-stream ramp.
        this.used = Collections.newSetFromMap(new IdentityHashMap<>(Math.min(connections, 1 << 14)));
        this.timeoutNanos = target.timeout().toNanos();
        this.timeoutText = "no complete response within " + target.timeout();
    }

    /** Starts the request now (or once a slot is free); {@code flight} is finished exactly once, whatever happens. */
    void execute(InFlightRequest flight) {
        RequestTrace trace = flight.trace();
        long deadlineMillis = Math.max(1, (trace.intendedNanos() + timeoutNanos - System.nanoTime()) / 1_000_000);
        flight.timeoutTimer(vertx.setTimer(deadlineMillis,
                id -> flight.fail(System.nanoTime(), ErrorClass.TIMEOUT, timeoutText)));
        if (pools.take(flight)) {
            send(flight);
        }
    }

    /** {@code flight} ended: its slot goes to the next request waiting for one, which starts now. */
    void release(InFlightRequest flight) {
        InFlightRequest next = pools.release(flight);
        if (next != null) {
            send(next);
        }
    }

    private void send(InFlightRequest flight) {
        RequestTrace trace = flight.trace();
        PreparedRequest prepared = flight.prepared();
        pools.client(flight).request(http.request(prepared.type().api(), prepared.type().stream(), trace.requestId()))
                .onComplete(connected -> {
                    if (connected.failed()) {
                        flight.fail(System.nanoTime(), ErrorClass.CONNECTION, describe(connected.cause()));
                        return;
                    }
                    var request = connected.result();
                    flight.attach(request);
                    if (flight.finished()) {
                        return;
                    }
                    boolean reused = !firstUse(request.connection());
                    trace.sent(System.nanoTime());
                    request.send(prepared.body()).onComplete(responded -> {
                        if (responded.succeeded()) {
                            onResponse(prepared, responded.result(), flight);
                        } else if (reused && closedBeforeResponse(responded.cause()) && !flight.finished()
                                && !trace.retriedOnStaleConnection()) {
                            trace.staleConnectionRetry();
                            send(flight);
                        } else {
                            flight.fail(System.nanoTime(), ErrorClass.CONNECTION, describe(responded.cause()));
                        }
                    });
                });
    }

    private boolean firstUse(HttpConnection connection) {
        if (!used.add(connection)) {
            return false;
        }
        connection.closeHandler(v -> used.remove(connection));
        return true;
    }

    private static boolean closedBeforeResponse(Throwable cause) {
        return cause instanceof HttpClosedException || cause instanceof IOException;
    }

    private void onResponse(PreparedRequest prepared, HttpClientResponse response, InFlightRequest flight) {
        RequestTrace trace = flight.trace();
        trace.status(response.statusCode());
        response.exceptionHandler(error -> flight.fail(System.nanoTime(), ErrorClass.CONNECTION, describe(error)));
        if (response.statusCode() != 200) {
            onErrorStatus(response, flight);
        } else if (prepared.type().stream() && prepared.type().api() == Api.RESPONSES) {
            // /v1/responses streams typed events, not chat chunks: its own decoder.
            ResponsesStreamDecoder decoder = new ResponsesStreamDecoder(new TraceStreamListener(flight),
                    http.maxEventBytes());
            response.handler(chunk -> decoder.feed(chunk, System.nanoTime()));
            response.endHandler(v -> decoder.end(System.nanoTime()));
        } else if (prepared.type().stream()) {
            StreamDecoder decoder = new StreamDecoder(prepared.type().api(), new TraceStreamListener(flight),
                    http.maxEventBytes());
            response.handler(chunk -> decoder.feed(chunk, System.nanoTime()));
            response.endHandler(v -> decoder.end(System.nanoTime()));
        } else {
            response.body().onComplete(body -> {
                long now = System.nanoTime();
                if (body.failed()) {
                    flight.fail(now, ErrorClass.CONNECTION, describe(body.cause()));
                    return;
                }
                decodeWhole(prepared.type().api(), body.result(), trace, now, flight);
            });
        }
    }

    private static void decodeWhole(Api api, Buffer body, RequestTrace trace, long now, InFlightRequest flight) {
        try {
            if (api == Api.EMBEDDINGS) {
                ResponseDecoder.Embeddings embeddings = ResponseDecoder.decodeEmbeddings(body);
                if (embeddings.promptTokens() >= 0) {
                    trace.usage(embeddings.promptTokens(), 0);
                }
            } else if (api.scores()) {
                ScoringApi.Scores scores = ScoringApi.decode(api, body);
                if (scores.promptTokens() >= 0) {
                    trace.usage(scores.promptTokens(), 0);
                }
            } else {
                ResponseDecoder.Completion completion = api == Api.RESPONSES ? ResponsesApi.decode(body)
                        : ResponseDecoder.decodeCompletion(api, body);
                trace.output(completion.text());
                flight.replyText(completion.text());
                if (completion.completionTokens() >= 0) {
                    trace.usage(completion.promptTokens(), completion.completionTokens());
                }
            }
            flight.succeed(now);
        } catch (ProtocolException e) {
            flight.fail(now, ErrorClass.PROTOCOL, e.getMessage());
        }
    }

    private static void onErrorStatus(HttpClientResponse response, InFlightRequest flight) {
        int status = response.statusCode();
        ErrorClass errorClass = status == 429 ? ErrorClass.RATE_LIMITED
                : status >= 500 ? ErrorClass.SERVER
                : ErrorClass.CLIENT;
        if (status == 429) {
            RetryAfter.parse(response.getHeader("retry-after")).ifPresent(flight.trace()::retryAfter);
        }
        response.body().onComplete(body -> {
            String message = body.succeeded() ? ResponseDecoder.errorMessage(body.result()) : "";
            flight.fail(System.nanoTime(), errorClass, "HTTP " + status + (message.isEmpty() ? "" : ": " + message));
        });
    }

    private static String describe(Throwable error) {
        return ConnectionErrors.describe(error);
    }

    @Override
    public void close() {
        pools.close();
    }

    /** Feeds decoded stream events into the trace. */
    private static final class TraceStreamListener implements StreamListener {
        private final InFlightRequest flight;

        TraceStreamListener(InFlightRequest flight) {
            this.flight = flight;
        }

        @Override
        public void onTokens(long nanos, TokenDelta delta) {
            // Every kind of generated token counts (reasoning and tool calls too); only answer text is what the
            // user reads, so only it moves the first answer token and the reply kept for multi-turn sessions.
            flight.trace().content(nanos, generatedText(delta), delta.hasAnswer());
            flight.replyText(delta.answer());
        }

        /**
         * The chunk's generated text of every kind, for the client-side token count. Runs for every chunk on the lane:
         * the usual chunk carries one kind, whose text is returned as it is.
         */
        private static String generatedText(TokenDelta delta) {
            return join(join(delta.answer(), delta.reasoning()), delta.toolCallText());
        }

        private static String join(String a, String b) {
            return a == null || a.isEmpty() ? (b == null ? "" : b) : b == null || b.isEmpty() ? a : a + b;
        }

        @Override
        public void onUsage(int promptTokens, int completionTokens) {
            flight.trace().usage(promptTokens, completionTokens);
        }

        @Override
        public void onFinish(String finishReason) {
            // The finish reason does not change any metric; the decoder completes the stream.
        }

        @Override
        public void onComplete(long nanos) {
            flight.succeed(nanos);
        }

        @Override
        public void onError(StreamError error) {
            flight.fail(System.nanoTime(), error.kind() == StreamError.Kind.SERVER ? ErrorClass.SERVER : ErrorClass.PROTOCOL,
                    error.message());
        }
    }
}
