package io.llmload.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.report.RunData;
import io.llmload.runner.servermetrics.PrometheusTextParser;
import io.llmload.runner.servermetrics.Sample;
import io.llmload.runner.simulator.FaultInjection;
import io.llmload.runner.simulator.RequestTruth;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker's {@code /metrics} after a run with injected faults equals what happened: the simulator's ground truth
 * for the totals (requests, errors by class, tokens, histogram counts), and the runner's own result per stage.
 */
class WorkerLiveMetricsTest {

    private static final String HOST = "127.0.0.1";
    private static final Map<String, String> ERROR_CLASS_OF_FAULT = Map.of("rate_limited", "rateLimited",
            "server_error", "server", "malformed", "protocol");

    private Simulator simulator;
    private Worker worker;

    @AfterEach
    void closeAll() {
        if (worker != null) {
            worker.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void countersAndHistogramCountsEqualGroundTruthAndTheRunnersResultPerStage() {
        simulator = Simulator.start(SimulatorConfig.defaults().withGroundTruth().withSeed(5)
                .withFaults(new FaultInjection(0.15, 3, 0.1, 0.0, 0, 0.1)));
        WorkerPlan plan = TestPlans.plan("live-metrics", simulator.baseUrl(), 1, "{model: closed, gracefulStop: 10s, "
                + "stages: [{name: low, duration: 1s, users: 2}, {name: high, duration: 1s, users: 4}]}", 0);
        worker = new Worker(plan, 0, null, HOST).serveMetrics(0);
        ControlClient control = new ControlClient(HOST, worker.start());
        ControlClient metrics = new ControlClient(HOST, worker.metricsPort());

        // Before the start: served, with the in-flight gauge only (no cell has recorded anything).
        List<Sample> idle = scrape(metrics);
        assertThat(value(idle, "llmload_requests_in_flight", s -> true)).isZero();
        assertThat(idle).noneMatch(s -> s.name().startsWith("llmload_requests_total"));

        assertThat(control.start(System.currentTimeMillis() + 200).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> control.state().phase() == WorkerPhase.FINISHED);
        RunData result = control.result();
        List<Sample> samples = scrape(metrics);

        List<RequestTruth> truth = simulator.groundTruth().all();
        List<RequestTruth> ok = truth.stream().filter(t -> t.fault() == null).toList();
        assertThat(truth).hasSizeGreaterThan(20);
        assertThat(value(samples, "llmload_requests_total", s -> true)).isEqualTo(truth.size());
        assertThat(value(samples, "llmload_requests_interrupted_total", s -> true)).isZero();
        for (Map.Entry<String, String> fault : ERROR_CLASS_OF_FAULT.entrySet()) {
            long expected = truth.stream().filter(t -> fault.getKey().equals(t.fault())).count();
            assertThat(expected).as("fault %s injected", fault.getKey()).isPositive();
            assertThat(value(samples, "llmload_request_errors_total", label("class", fault.getValue())))
                    .as("errors of class %s", fault.getValue()).isEqualTo(expected);
        }
        assertThat(value(samples, "llmload_request_errors_total", s -> true)).isEqualTo(truth.size() - ok.size());
        assertThat(value(samples, "llmload_ttft_seconds_count", s -> true)).isEqualTo(ok.size());
        assertThat(value(samples, "llmload_e2e_seconds_count", s -> true)).isEqualTo(ok.size());
        assertThat(value(samples, "llmload_ttft_seconds_bucket", label("le", "+Inf"))).isEqualTo(ok.size());
        assertThat(value(samples, "llmload_itl_seconds_count", s -> true))
                .isEqualTo(ok.stream().mapToLong(t -> Math.max(0, t.tokenNanos().length - 1)).sum());
        assertThat(value(samples, "llmload_output_tokens_total", s -> true))
                .isEqualTo(ok.stream().mapToLong(RequestTruth::completionTokens).sum());
        assertThat(value(samples, "llmload_input_tokens_total", s -> true))
                .isEqualTo(ok.stream().mapToLong(RequestTruth::promptTokens).sum());
        assertThat(value(samples, "llmload_requests_in_flight", s -> true)).isZero();

        // Per stage, the live counters are the runner's result (what the report is built from).
        for (String stage : List.of("low", "high")) {
            CellData cell = result.cells().stream().filter(c -> c.stage().equals(stage)).findFirst().orElseThrow();
            Predicate<Sample> ofStage = label("stage", stage).and(label("test", "live-metrics"))
                    .and(label("type", "chat"));
            assertThat(cell.requests()).as("stage %s ran", stage).isPositive();
            assertThat(value(samples, "llmload_requests_total", ofStage)).isEqualTo(cell.requests());
            assertThat(value(samples, "llmload_request_errors_total", ofStage))
                    .isEqualTo(cell.requests() - cell.succeeded());
            assertThat(value(samples, "llmload_ttft_seconds_count", ofStage)).isEqualTo(cell.succeeded());
            assertThat(value(samples, "llmload_output_tokens_total", ofStage)).isEqualTo(cell.outputTokens());
        }
        // Classic buckets: cumulative, ending at the count.
        double previous = 0;
        for (Sample bucket : samples.stream().filter(s -> s.name().equals("llmload_e2e_seconds_bucket")
                && "high".equals(s.labels().get("stage"))).toList()) {
            assertThat(bucket.value()).isGreaterThanOrEqualTo(previous);
            previous = bucket.value();
        }
        assertThat(previous).isEqualTo(value(samples, "llmload_e2e_seconds_count", label("stage", "high")));
    }

    @Test
    void metricsAreNotServedUnlessAsked() {
        simulator = Simulator.start(SimulatorConfig.defaults());
        worker = new Worker(TestPlans.plan("no-metrics", simulator.baseUrl(), 1,
                "{model: closed, stages: [{duration: 1s, users: 1}]}", 0), 0, null, HOST);
        int port = worker.start();
        assertThat(worker.metricsPort()).isEqualTo(-1);
        assertThat(new ControlClient(HOST, port).get("/metrics").status()).isEqualTo(404);
    }

    private static List<Sample> scrape(ControlClient metrics) {
        ControlClient.Response response = metrics.get("/metrics");
        assertThat(response.status()).isEqualTo(200);
        PrometheusTextParser.Parsed parsed = PrometheusTextParser.parse(response.body());
        assertThat(parsed.malformedLines()).isZero();
        return parsed.samples();
    }

    /** The sum of every sample of {@code name} that matches. */
    private static double value(List<Sample> samples, String name, Predicate<Sample> filter) {
        return samples.stream().filter(s -> s.name().equals(name)).filter(filter).mapToDouble(Sample::value).sum();
    }

    private static Predicate<Sample> label(String name, String value) {
        return s -> value.equals(s.labels().get(name));
    }
}
