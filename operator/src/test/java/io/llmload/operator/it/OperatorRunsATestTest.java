package io.llmload.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.observe.RunnerClient;
import io.llmload.operator.observe.RunnerPod;
import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.Histograms;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.report.RunData;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.llmload.runner.worker.Worker;
import io.llmload.runner.worker.WorkerPlan;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole operator path on the mock API: a CR becomes a plan and an indexed Job; real runners (in-process, on
 * loopback IPs) start together against the simulator; their results are merged into the status and a report
 * ConfigMap with the same numbers the runners measured.
 */
@QuarkusTest
@TestProfile(LoopbackRunnersProfile.class)
@WithKubernetesTestServer(crud = true)
class OperatorRunsATestTest {

    private static final String NS = "load";

    @Inject
    KubernetesClient client;

    @Inject
    RunnerClient runners;

    @io.quarkus.test.common.http.TestHTTPResource("/q/metrics")
    java.net.URL metricsUrl;

    private Simulator simulator;
    private FakeCluster cluster;

    @BeforeEach
    void start() {
        simulator = Simulator.start(SimulatorConfig.defaults());
        cluster = new FakeCluster(client, NS);
    }

    @AfterEach
    void stop() {
        cluster.close();
        simulator.close();
    }

    @Test
    void threeRunnersProduceOneMergedResult() throws Exception {
        long created = System.nanoTime();
        client.resource(Manifests.chatTest("merged", NS, simulator.baseUrl(), 3, "")).create();

        Job job = cluster.awaitJob("merged-runners");
        long jobCreatedMillis = (System.nanoTime() - created) / 1_000_000;
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getSpec().getCompletions()).isEqualTo(3);
        assertThat(job.getSpec().getParallelism()).isEqualTo(3);
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        // Backstops: startTimeout 300 s + start lead 0.3 s + 3.5 s of stages + 120 s graceful stop (the default: the
        // request timeout) + 2 × 5 s margin; cleanup Always (no delay): Kubernetes removes the finished Job one margin
        // after the operator would.
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(433L);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(5);
        assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getKind()).isEqualTo("LlmLoadTest"));
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(pod.getContainers().get(0).getArgs()).containsExactly("worker", "--plan", "/etc/llmload/plan.json");

        WorkerPlan plan = cluster.plan("merged-plan");
        assertThat(plan.runners()).isEqualTo(3);
        assertThat(plan.targetUrl()).isEqualTo(simulator.baseUrl());
        assertThat(plan.controlPort()).isEqualTo(LoopbackRunnersProfile.CONTROL_PORT);
        // Runners never told to start give up one margin after the start deadline the status records.
        await().atMost(Duration.ofSeconds(10)).until(() -> status("merged").getStartDeadline() != null);
        assertThat(plan.startDeadlineEpochMillis()).isEqualTo(Instant.parse(status("merged").getStartDeadline())
                .plusSeconds(5).toEpochMilli());

        List<Worker> workers = cluster.runPods(job, plan);
        await().atMost(Duration.ofSeconds(20)).until(() -> status("merged").getProgress() != null
                || LlmLoadTestStatus.PHASE_SUCCEEDED.equals(status("merged").getPhase()));
        long firstProgressMillis = (System.nanoTime() - created) / 1_000_000;

        await().atMost(Duration.ofSeconds(60)).until(() -> status("merged").getPhase(),
                p -> LlmLoadTestStatus.PHASE_SUCCEEDED.equals(p) || LlmLoadTestStatus.PHASE_FAILED.equals(p));
        LlmLoadTestStatus status = status("merged");
        assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(LlmLoadTestStatus.PHASE_SUCCEEDED);

        // The merged status equals what the runners measured, merged through their histograms.
        List<RunData> results = new java.util.ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            results.add(runners.result(new RunnerPod(i, "pod-" + i, cluster.ip(i), true, null, null,
                    cluster.token(job))).toCompletionStage().toCompletableFuture()
                    .get(10, java.util.concurrent.TimeUnit.SECONDS));
        }
        long measuredRequests = 0;
        Histogram ttft = Histograms.create();
        for (RunData runner : results) {
            for (CellData cell : runner.cells()) {
                if (!cell.stage().equals("warmup")) {
                    measuredRequests += cell.requests();
                    ttft.add(Histograms.decode(cell.histograms().get("ttft")));
                }
            }
        }
        assertThat(results).allSatisfy(r -> assertThat(r.cells().stream().mapToLong(CellData::requests).sum())
                .isPositive());
        assertThat(status.getSummary().requests()).isEqualTo(measuredRequests).isPositive();
        assertThat(status.getSummary().ttftP95Ms()).isEqualTo(ttft.getValueAtPercentile(95) / 1000.0);
        assertThat(status.getStages()).extracting(s -> s.name()).containsExactly("low", "high");
        assertThat(status.getStages().stream().mapToLong(s -> s.requests()).sum()).isEqualTo(measuredRequests);

        // Printer columns and conditions.
        assertThat(status.getVerdict()).isIn("Pass", "Degraded", "Breach");
        assertThat(status.getSummary().itlP95Ms()).isPositive();
        assertThat(status.getSummary().requestsPerSecond()).isPositive();
        assertThat(status.getSummary().errorRate()).isZero();
        assertThat(Observed.condition(status, "Completed").getStatus()).isEqualTo("True");
        assertThat(Observed.condition(status, "Succeeded").getStatus()).isEqualTo("True");
        assertThat(Observed.condition(status, "Ready").getStatus()).isEqualTo("True");
        assertThat(Observed.condition(status, "Stalled").getStatus()).isEqualTo("False");
        assertThat(Observed.condition(status, "Running").getStatus()).isEqualTo("False");
        assertThat(Observed.condition(status, "Valid").getStatus()).isEqualTo("True");
        assertThat(Observed.condition(status, "SLOBreached").getStatus())
                .isEqualTo("Breach".equals(status.getVerdict()) ? "True" : "False");
        assertThat(status.getObservedGeneration()).isEqualTo(1L);
        assertThat(status.getRunners().desired()).isEqualTo(3);
        assertThat(status.getRunners().finished()).isEqualTo(3);

        // The full report, same numbers.
        var report = ReportFiles.mapper().readTree(new Observed(client, NS).reportJson(status));
        assertThat(report.get("overall").get("requests").asLong()).isEqualTo(measuredRequests);
        assertThat(report.get("run").get("runners").asInt()).isEqualTo(3);

        // Events, and the runner Job removed (cleanup: Always).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(new Observed(client, NS).eventReasons("merged"))
                .contains("Created", "Started", "Completed"));
        await().atMost(Duration.ofSeconds(10)).until(
                () -> client.batch().v1().jobs().inNamespace(NS).withName("merged-runners").get() == null);
        // The operator's own metrics.
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                metricsUrl.toURI()).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("llmload_tests_started_total").contains("llmload_reconcile_seconds_count")
                .containsPattern("llmload_tests_finished_total\\{.*phase=\"Succeeded\".*\\} [1-9]");
        System.out.printf("operator timings: CR -> Job %d ms, CR -> first progress %d ms%n", jobCreatedMillis,
                firstProgressMillis);
    }

    private LlmLoadTestStatus status(String name) {
        return new Observed(client, NS).status(name);
    }
}
