package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.LatencyMetric;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.RequestTrace;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The open model sends on schedule and measures latency from the intended send time (no coordinated omission). */
class OpenModelTest {

    @Test
    void constantArrivalsSendExactlyRateTimesDuration() throws Exception {
        try (var simulator = io.llmload.runner.simulator.Simulator.start(
                io.llmload.runner.simulator.SimulatorConfig.defaults())) {
            EngineRuns run = EngineRuns.run(EngineRuns.manifest(
                    "{model: open, arrival: constant, stages: [{duration: 2s, rate: 15}]}",
                    "{name: chat, api: chat, prompt: {text: hello}, output: {maxTokens: {value: 4}}}"),
                    simulator.baseUrl(), 64);
            assertThat(run.traces).hasSize(30);
            assertThat(run.traces).allSatisfy(t -> assertThat(t.error()).isNull());
            // Intended times are 1/15 s apart, whatever the timers did.
            long[] intended = run.traces.stream().mapToLong(RequestTrace::intendedNanos).sorted().toArray();
            for (int i = 1; i < intended.length; i++) {
                assertThat(intended[i] - intended[i - 1]).isBetween(66_000_000L, 67_400_000L);
            }
        }
    }

    @Test
    void latencyCountsTheTimeARequestWaitedBehindASlowServer() throws Exception {
        // One connection, 200 ms per response, 10 arrivals/s for 1 s: requests must queue client-side. Their E2E is
        // measured from when they were due, so the last ones show the queueing (~1 s) and the send lag says why.
        Vertx vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body ->
                vertx.setTimer(200, id -> request.response().putHeader("content-type", "application/json")
                        .end("{\"choices\":[{\"message\":{\"content\":\"ok\"}}],"
                                + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}"))));
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            EngineRuns run = EngineRuns.run(EngineRuns.manifest(
                    "{model: open, arrival: constant, stages: [{duration: 1s, rate: 10}]}",
                    "{name: chat, api: chat, stream: false, prompt: {text: hi}}"),
                    "http://127.0.0.1:" + server.actualPort(), 1);
            CellStats all = new CellStats();
            run.traces.forEach(all::record);
            assertThat(all.succeeded()).isEqualTo(10);
            long e2eMaxMicros = all.histogram(LatencyMetric.E2E).getMaxValue();
            long lagMaxMicros = all.histogram(LatencyMetric.SEND_LAG).getMaxValue();
            long serviceMaxMicros = all.histogram(LatencyMetric.SERVICE_TIME).getMaxValue();
            // 10 requests served one by one take >= 2 s; the last was due at 0.9 s, so it waited >= 0.9 s.
            assertThat(lagMaxMicros).isGreaterThan(900_000);
            assertThat(e2eMaxMicros).isGreaterThanOrEqualTo(lagMaxMicros + 190_000);
            // The server itself was never slower than ~200 ms a request: the service time alone would hide the wait.
            assertThat(e2eMaxMicros).isGreaterThan(serviceMaxMicros + 700_000);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
