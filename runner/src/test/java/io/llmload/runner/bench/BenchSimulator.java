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
 * <p>Arguments: step time in µs.
 */
public final class BenchSimulator {

    private BenchSimulator() {
    }

    public static void main(String[] args) throws Exception {
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
}
