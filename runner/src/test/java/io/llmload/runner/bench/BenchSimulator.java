package io.llmload.runner.bench;

import io.llmload.runner.metrics.Histograms;
import io.llmload.runner.simulator.GroundTruth;
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
 * <p>Arguments: step time in µs; {@code spread-}step time in µs: every stream paced on its own phase
 * ({@link SpreadStreamServer}) instead of the simulator's synchronized decode steps; or {@code canned}: then every request is answered at once with the same vLLM-style
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
        if (args[0].startsWith("spread-")) {
            spread(Long.parseLong(args[0].substring("spread-".length())));
            return;
        }
        long stepMicros = Long.parseLong(args[0]);
        SimulatorProfile profile = new SimulatorProfile("bench", 100_000_000L, 100_000, 1e9, stepMicros, 0, 0, 64,
                16, false, 1);
        Simulator simulator = Simulator.start(BenchTruth.recording(SimulatorConfig.defaults().withProfile(profile)));
        GroundTruth truth = simulator.groundTruth();
        Vertx side = Vertx.vertx();
        int sidePort = truthPort(side, id -> truth.find(id)
                .map(t -> new SpreadStreamServer.Truth(t.arrivalNanos(), t.tokenNanos())).orElse(null));
        System.out.println("PORTS " + simulator.port() + " " + sidePort);
        System.out.flush();
        awaitStdinClosed();
        simulator.close();
        side.close();
    }

    /** Streams paced each on its own phase ({@link SpreadStreamServer}), 100 tokens at steps of about stepMicros. */
    private static void spread(long stepMicros) throws Exception {
        Vertx vertx = Vertx.vertx();
        SpreadStreamServer server = new SpreadStreamServer(stepMicros / 1000, 100);
        int port = freePort();
        server.listen(vertx, port);
        int sidePort = truthPort(vertx, server.truths()::get);
        System.out.println("PORTS " + port + " " + sidePort);
        System.out.flush();
        awaitStdinClosed();
        vertx.close();
    }

    /**
     * The side port: the benchmark posts the requests it measured, one a line (the id, then the arrival time of each
     * chunk as the engine timestamped it), and gets back how many were found, then the server's inter-token gaps and
     * TTFTs of those requests and each chunk's delivery delay (engine timestamp - server write), as encoded
     * HdrHistograms in µs.
     */
    private static int truthPort(Vertx vertx, java.util.function.Function<String, SpreadStreamServer.Truth> find)
            throws Exception {
        return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(request -> request.body().onSuccess(body -> {
                    Histogram gaps = Histograms.create();
                    Histogram ttft = Histograms.create();
                    Histogram delivery = Histograms.create();
                    int found = 0;
                    for (String line : body.toString().split("\n")) {
                        String[] fields = line.isBlank() ? new String[0] : line.split(" ");
                        SpreadStreamServer.Truth t = fields.length == 0 ? null : find.apply(fields[0]);
                        if (t != null && t.tokenNanos().length > 0) {
                            found++;
                            long[] tokens = t.tokenNanos();
                            Histograms.recordNanos(ttft, tokens[0] - t.arrivalNanos());
                            for (int i = 1; i < tokens.length; i++) {
                                Histograms.recordNanos(gaps, tokens[i] - tokens[i - 1]);
                            }
                            // Chunk i as the client read it against token chunk i as written (one token a chunk).
                            for (int i = 1; i < fields.length && i <= tokens.length; i++) {
                                Histograms.recordNanos(delivery, Long.parseLong(fields[i]) - tokens[i - 1]);
                            }
                        }
                    }
                    request.response().end(found + "\n" + Histograms.encode(gaps) + "\n" + Histograms.encode(ttft)
                            + "\n" + Histograms.encode(delivery));
                }))
                .listen().toCompletionStage().toCompletableFuture().get().actualPort();
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /** Until the benchmark closes our stdin. */
    private static void awaitStdinClosed() throws java.io.IOException {
        while (System.in.read() >= 0) {
            // keep running
        }
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
        int port = freePort();
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
        int sidePort = truthPort(vertx, id -> null); // no ground truth: the canned stream is not what is measured
        System.out.println("PORTS " + port + " " + sidePort);
        System.out.flush();
        awaitStdinClosed();
        vertx.close();
    }
}
