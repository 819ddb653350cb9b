package io.llmload.runner.bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The benchmark's server for streams that are <em>not</em> synchronized: every stream is paced by a timer of its own
 * (one token per step of {@code stepMillis} ± 10 %, drawn per step), so its chunks fall on its own phase — as when
 * requests arrive spread over time into a continuous-batching server whose steps vary in length — instead of every
 * stream's token of a decode step being written at once (the simulator, like vLLM). vLLM-shaped chat chunks (role
 * chunk, one chunk per token, the last with {@code finish_reason}, a usage chunk, {@code [DONE]}). Records each
 * stream's ground truth as the simulator does: arrival, and the time each token chunk was handed to the socket.
 */
final class SpreadStreamServer {

    /** One stream's truth: arrival, then each token chunk's write time. */
    record Truth(long arrivalNanos, long[] tokenNanos) {
    }

    private static final String HEAD = "data: {\"id\":\"chatcmpl-spread\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1,\"model\":\"llmload-sim\",\"choices\":[{\"index\":0,\"delta\":";
    private static final Buffer ROLE = Buffer.buffer(HEAD
            + "{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    private static final Buffer TOKEN = Buffer.buffer(HEAD
            + "{\"content\":\" word\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    private static final Buffer LAST = Buffer.buffer(HEAD
            + "{\"content\":\" word\"},\"logprobs\":null,\"finish_reason\":\"length\"}]}\n\n");

    private final Map<String, Truth> truths = new ConcurrentHashMap<>();
    private final long stepMillis;
    private final int tokens;

    SpreadStreamServer(long stepMillis, int tokens) {
        this.stepMillis = stepMillis;
        this.tokens = tokens;
    }

    Map<String, Truth> truths() {
        return truths;
    }

    /** Listens on {@code port} with one server instance per core; returns when listening. */
    void listen(Vertx vertx, int port) throws Exception {
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start(Promise<Void> started) {
                vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                        .requestHandler(request -> {
                            long arrival = System.nanoTime();
                            String id = request.getHeader("x-request-id");
                            request.body().onSuccess(ignored -> {
                                HttpServerResponse response = request.response().setChunked(true)
                                        .putHeader("content-type", "text/event-stream");
                                response.write(ROLE);
                                next(response, id, arrival, new long[tokens], 0);
                            });
                        })
                        .listen().<Void>mapEmpty().onComplete(started);
            }
        }, new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
                .toCompletionStage().toCompletableFuture().get();
    }

    private void next(HttpServerResponse response, String id, long arrival, long[] written, int index) {
        long step = Math.max(1, Math.round(stepMillis * (0.9 + 0.2 * ThreadLocalRandom.current().nextDouble())));
        Vertx.currentContext().owner().setTimer(step, timer -> {
            if (response.closed()) {
                return; // the client cut the stream (end of the run): no truth for it
            }
            boolean last = index == tokens - 1;
            response.write(last ? LAST : TOKEN);
            written[index] = System.nanoTime();
            if (!last) {
                next(response, id, arrival, written, index + 1);
                return;
            }
            response.end("data: {\"id\":\"chatcmpl-spread\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                    + "\"model\":\"llmload-sim\",\"choices\":[],\"usage\":{\"prompt_tokens\":64,\"total_tokens\":"
                    + (64 + tokens) + ",\"completion_tokens\":" + tokens + "}}\n\ndata: [DONE]\n\n");
            if (id != null) {
                truths.put(id, new Truth(arrival, written));
            }
        });
    }
}
