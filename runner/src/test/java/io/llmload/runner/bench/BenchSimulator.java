package io.llmload.runner.bench;

import io.llmload.runner.metrics.Histograms;
import io.llmload.runner.simulator.GroundTruth;
import io.llmload.runner.simulator.RequestTruth;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.llmload.runner.simulator.SimulatorProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import org.HdrHistogram.Histogram;

/**
 * The benchmark's server, in its own JVM (own file-descriptor limit and heap): the simulator with a profile that
 * never saturates (no KV or batch limit, a fixed step time) and its ground truth on, plus a side port where the
 * benchmark posts the ids of the requests it measured and gets back the server's inter-token gaps and TTFTs of
 * exactly those requests (encoded HdrHistograms in µs). Prints "PORTS simulator side" once listening.
 *
 * <p>Arguments: step time in µs, or {@code canned}: then every request is answered at once with the same vLLM-style
 * stream of 16 tokens (no batching model, no ground truth), so that the open-model scenarios measure the engine and
 * not the server.
 */
public final class BenchSimulator {

    private BenchSimulator() {
    }

    public static void main(String[] args) throws Exception {
        if ("canned".equals(args[0])) {
            canned();
            return;
        }
        long stepMicros = Long.parseLong(args[0]);
        SimulatorProfile profile = new SimulatorProfile("bench", 100_000_000L, 100_000, 1e9, stepMicros, 0, 0, 64,
                16, false, 1);
        Simulator simulator = Simulator.start(BenchTruth.recording(SimulatorConfig.defaults().withProfile(profile)));
        GroundTruth truth = simulator.groundTruth();
        Vertx side = Vertx.vertx();
        var server = side.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(request -> request.body().onSuccess(body -> {
                    Histogram gaps = Histograms.create();
                    Histogram ttft = Histograms.create();
                    int found = 0;
                    for (String id : body.toString().split("\n")) {
                        RequestTruth t = id.isBlank() ? null : truth.find(id).orElse(null);
                        if (t != null) {
                            found++;
                            Histograms.recordNanos(ttft, t.ttftNanos());
                            for (long gap : t.interTokenGapsNanos()) {
                                Histograms.recordNanos(gaps, gap);
                            }
                        }
                    }
                    request.response().end(found + "\n" + Histograms.encode(gaps) + "\n" + Histograms.encode(ttft));
                }))
                .listen().toCompletionStage().toCompletableFuture().get();
        System.out.println("PORTS " + simulator.port() + " " + server.actualPort());
        System.out.flush();
        // Until the benchmark closes our stdin.
        while (System.in.read() >= 0) {
            // keep running
        }
        simulator.close();
        side.close();
    }

    private static void canned() throws Exception {
        StringBuilder sse = new StringBuilder();
        String head = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                + "\"model\":\"llmload-sim\",\"choices\":[{\"index\":0,\"delta\":";
        sse.append(head).append("{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        for (int i = 0; i < 16; i++) {
            sse.append(head).append("{\"content\":\" word\"},\"logprobs\":null,\"finish_reason\":")
                    .append(i == 15 ? "\"length\"" : "null").append("}]}\n\n");
        }
        sse.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":"
                + "\"llmload-sim\",\"choices\":[],\"usage\":{\"prompt_tokens\":64,\"total_tokens\":80,"
                + "\"completion_tokens\":16}}\n\ndata: [DONE]\n\n");
        io.vertx.core.buffer.Buffer body = io.vertx.core.buffer.Buffer.buffer(sse.toString());
        Vertx vertx = Vertx.vertx();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        int listenOn = port;
        // One server instance per core (Vert.x shares the port between them): the canned server must never be what
        // limits the engine.
        vertx.deployVerticle(() -> new io.vertx.core.AbstractVerticle() {
            @Override
            public void start(io.vertx.core.Promise<Void> started) {
                vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(listenOn))
                        .requestHandler(request -> request.body().onSuccess(ignored -> request.response()
                                .putHeader("content-type", "text/event-stream").end(body)))
                        .listen().<Void>mapEmpty().onComplete(started);
            }
        }, new io.vertx.core.DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
                .toCompletionStage().toCompletableFuture().get();
        var side = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(request -> request.body().onSuccess(ignored -> request.response()
                        .end("0\n" + Histograms.encode(Histograms.create()) + "\n"
                                + Histograms.encode(Histograms.create()))))
                .listen().toCompletionStage().toCompletableFuture().get();
        System.out.println("PORTS " + port + " " + side.actualPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // keep running
        }
        vertx.close();
    }
}
