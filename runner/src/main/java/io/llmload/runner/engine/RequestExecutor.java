package io.llmload.runner.engine;

import io.llmload.runner.metrics.ErrorClass;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.openai.Api;
import io.llmload.runner.openai.ProtocolException;
import io.llmload.runner.openai.ResponseDecoder;
import io.llmload.runner.openai.StreamDecoder;
import io.llmload.runner.openai.StreamError;
import io.llmload.runner.openai.StreamListener;
import io.llmload.runner.workload.PreparedRequest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpConnection;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Sends one prepared request over a lane's pooled Vert.x {@link HttpClient} and records into its {@link RequestTrace}
 * everything the metrics need: send time, each content chunk's arrival and text, usage, and the error class if it
 * fails. Non-blocking; used from its lane's event loop only (so the connections, and every timestamp, are that
 * loop's).
 *
 * <p>The lane's connections are split into pools of at most {@value #POOL_SIZE}, one Vert.x client each: a Vert.x
 * pool scans all its connections at every acquire, which at thousands of streams (and under backlog, when the pool
 * is largest) costs more than the request. A request takes a slot in a pool with room — the one freed last, whose
 * connections are warm — or waits here, in order, for one (the wait shows as send lag).
 *
 * <p>A request whose reused connection closes before any response byte arrived is sent once more on a new connection
 * (see {@link TargetHttp}): the server closed an idle connection as the request went out, it never saw the request.
 * Its intended time and timeout are unchanged, so the lost round trip still counts as latency, and the trace says it
 * happened.
 */
final class RequestExecutor implements AutoCloseable {

    static final int POOL_SIZE = 64;

    private final Vertx vertx;
    private final TargetHttp http;
    private final HttpClient[] clients;
    private final int[] capacity;
    private final int[] busy;
    /** Pools with a free slot, the one freed last on top; each pool at most once. */
    private final ArrayDeque<Integer> withRoom = new ArrayDeque<>();
    private final boolean[] listed;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private final long timeoutNanos;
    private final String timeoutText;
    /** Connections that already carried a request (a request on one of them is on a reused connection). */
    private final Set<HttpConnection> used = Collections.newSetFromMap(new IdentityHashMap<>());

    RequestExecutor(Vertx vertx, Target target, int connections) {
        this.vertx = vertx;
        this.http = new TargetHttp(target);
        int pools = (connections + POOL_SIZE - 1) / POOL_SIZE;
        this.clients = new HttpClient[pools];
        this.capacity = new int[pools];
        this.busy = new int[pools];
        this.listed = new boolean[pools];
        for (int i = pools - 1; i >= 0; i--) {
            capacity[i] = Math.min(POOL_SIZE, connections - i * POOL_SIZE);
            clients[i] = http.client(vertx, capacity[i]);
            withRoom.push(i);
            listed[i] = true;
        }
        this.timeoutNanos = target.timeout().toNanos();
        this.timeoutText = "no complete response within " + target.timeout();
    }

    /** Starts the request now (or once a slot is free); {@code flight} is finished exactly once, whatever happens. */
    void execute(PreparedRequest prepared, InFlightRequest flight) {
        RequestTrace trace = flight.trace();
        long deadlineMillis = Math.max(1, (trace.intendedNanos() + timeoutNanos - System.nanoTime()) / 1_000_000);
        flight.timeoutTimer(vertx.setTimer(deadlineMillis,
                id -> flight.fail(System.nanoTime(), ErrorClass.TIMEOUT, timeoutText)));
        if (withRoom.isEmpty()) {
            waiting.add(new Waiting(prepared, flight));
        } else {
            take(prepared, flight);
        }
    }

    /** {@code flight} ended: its slot goes to the next request waiting for one. */
    void release(InFlightRequest flight) {
        int pool = flight.pool();
        if (pool < 0) {
            return; // it never had a slot
        }
        busy[pool]--;
        if (!listed[pool]) {
            listed[pool] = true;
            withRoom.push(pool);
        }
        while (!waiting.isEmpty()) {
            Waiting next = waiting.poll();
            if (!next.flight().finished()) {
                take(next.prepared(), next.flight());
                return;
            }
        }
    }

    private void take(PreparedRequest prepared, InFlightRequest flight) {
        int pool = withRoom.peek();
        if (++busy[pool] == capacity[pool]) {
            withRoom.pop();
            listed[pool] = false;
        }
        flight.pool(pool);
        send(prepared, flight);
    }

    private void send(PreparedRequest prepared, InFlightRequest flight) {
        RequestTrace trace = flight.trace();
        clients[flight.pool()].request(http.request(prepared.type().api(), prepared.type().stream(),
                        trace.requestId()))
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
                            send(prepared, flight);
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
        } else if (prepared.type().stream()) {
            StreamDecoder decoder = new StreamDecoder(prepared.type().api(), new TraceStreamListener(flight));
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
            } else {
                ResponseDecoder.Completion completion = ResponseDecoder.decodeCompletion(api, body);
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
        if (error instanceof ConnectException) {
            return "connection refused: " + error.getMessage();
        }
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void close() {
        for (HttpClient client : clients) {
            client.close();
        }
    }

    /** A request waiting for a free slot. */
    private record Waiting(PreparedRequest prepared, InFlightRequest flight) {
    }

    /** Feeds decoded stream events into the trace. */
    private static final class TraceStreamListener implements StreamListener {
        private final InFlightRequest flight;

        TraceStreamListener(InFlightRequest flight) {
            this.flight = flight;
        }

        @Override
        public void onContent(long nanos, String text) {
            flight.trace().content(nanos, text);
            flight.replyText(text);
        }

        @Override
        public void onUsage(int promptTokens, int completionTokens) {
            flight.trace().usage(promptTokens, completionTokens);
        }

        @Override
        public void onFinish(String finishReason) {
            // The finish reason does not change any metric; [DONE] ends the request.
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
