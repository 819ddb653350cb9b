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
import io.llmload.runner.target.ConnectionErrors;
import io.llmload.runner.workload.PreparedRequest;
import io.llmload.runner.workload.Tokenizer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Sends one prepared request over a pooled Vert.x {@link HttpClient} and records into its {@link RequestTrace}
 * everything the metrics need: send time, each content chunk's arrival, usage, and the error class if it fails.
 * Non-blocking; must be used from the engine's event loop.
 */
final class RequestExecutor implements AutoCloseable {

    private final Vertx vertx;
    private final Target target;
    private final HttpClient client;
    private final Tokenizer tokenizer;

    /** @param tokenizer counts the output the client receives (the fallback when the server sends no usage) */
    RequestExecutor(Vertx vertx, Target target, Tokenizer tokenizer) {
        this.vertx = vertx;
        this.target = target;
        this.tokenizer = tokenizer;
        HttpClientOptions options = new HttpClientOptions()
                .setDefaultHost(target.baseUri().getHost())
                .setDefaultPort(target.port())
                .setSsl(target.ssl())
                .setTrustAll(false)
                .setKeepAlive(true)
                .setPipelining(false)
                .setTcpNoDelay(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, target.timeout().toMillis()));
        // TLS (private CA, mTLS, insecureSkipVerify) and proxy from spec.target: see target.TargetConnection.
        target.connection().applyTo(options);
        // The pool holds one connection per in-flight stream; waits for a connection show up as send lag.
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(target.maxConnections()).setMaxWaitQueueSize(-1);
        this.client = vertx.createHttpClient(options, pool);
    }

    /** Starts the request now; {@code flight} is finished exactly once, whatever happens. */
    void execute(PreparedRequest prepared, InFlightRequest flight) {
        RequestTrace trace = flight.trace();
        Api api = prepared.type().api();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setURI(target.path(api))
                .putHeader("content-type", "application/json")
                .putHeader("accept", prepared.type().stream() ? "text/event-stream" : "application/json")
                .putHeader("x-request-id", trace.requestId());
        if (target.apiKey() != null) {
            options.putHeader("authorization", "Bearer " + target.apiKey());
        }
        target.connection().headers().addTo(options::putHeader);
        long deadlineMillis = Math.max(1, (trace.intendedNanos() + target.timeout().toNanos() - System.nanoTime()) / 1_000_000);
        flight.timeoutTimer(vertx.setTimer(deadlineMillis,
                id -> flight.fail(System.nanoTime(), ErrorClass.TIMEOUT, "no complete response within " + target.timeout())));

        client.request(options).onComplete(connected -> {
            if (connected.failed()) {
                flight.fail(System.nanoTime(), ErrorClass.CONNECTION, describe(connected.cause()));
                return;
            }
            var request = connected.result();
            flight.attach(request);
            if (flight.finished()) {
                return;
            }
            trace.sent(System.nanoTime());
            request.send(prepared.body()).onComplete(responded -> {
                if (responded.failed()) {
                    flight.fail(System.nanoTime(), ErrorClass.CONNECTION, describe(responded.cause()));
                } else {
                    onResponse(prepared, responded.result(), flight);
                }
            });
        });
    }

    private void onResponse(PreparedRequest prepared, HttpClientResponse response, InFlightRequest flight) {
        RequestTrace trace = flight.trace();
        trace.status(response.statusCode());
        response.exceptionHandler(error -> flight.fail(System.nanoTime(), ErrorClass.CONNECTION, describe(error)));
        if (response.statusCode() != 200) {
            onErrorStatus(response, flight);
        } else if (prepared.type().stream() && prepared.type().api() == Api.RESPONSES) {
            // /v1/responses streams typed events, not chat chunks: its own decoder.
            ResponsesStreamDecoder decoder = new ResponsesStreamDecoder(new TraceStreamListener(flight, tokenizer));
            response.handler(chunk -> decoder.feed(chunk, System.nanoTime()));
            response.endHandler(v -> decoder.end(System.nanoTime()));
        } else if (prepared.type().stream()) {
            StreamDecoder decoder = new StreamDecoder(prepared.type().api(), new TraceStreamListener(flight, tokenizer));
            response.handler(chunk -> decoder.feed(chunk, System.nanoTime()));
            response.endHandler(v -> decoder.end(System.nanoTime()));
        } else {
            response.body().onComplete(body -> {
                long now = System.nanoTime();
                if (body.failed()) {
                    flight.fail(now, ErrorClass.CONNECTION, describe(body.cause()));
                    return;
                }
                decodeWhole(prepared.type().api(), body.result(), trace, now, flight, tokenizer);
            });
        }
    }

    private static void decodeWhole(Api api, Buffer body, RequestTrace trace, long now, InFlightRequest flight,
            Tokenizer tokenizer) {
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
                trace.output(tokenizer.count(completion.text()));
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
        client.close();
    }

    /** Feeds decoded stream events into the trace. */
    private static final class TraceStreamListener implements StreamListener {
        private final InFlightRequest flight;
        private final Tokenizer tokenizer;

        TraceStreamListener(InFlightRequest flight, Tokenizer tokenizer) {
            this.flight = flight;
            this.tokenizer = tokenizer;
        }

        @Override
        public void onContent(long nanos, String text) {
            flight.trace().content(nanos, tokenizer.count(text));
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
