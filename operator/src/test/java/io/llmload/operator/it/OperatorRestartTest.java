package io.llmload.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.javaoperatorsdk.operator.Operator;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.api.v1alpha1.SearchProbeStatus;
import io.llmload.operator.config.OperatorConfig;
import io.llmload.operator.reconciler.FreshOperator;
import io.llmload.runner.metrics.CellData;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.llmload.runner.worker.Worker;
import io.llmload.runner.worker.WorkerExit;
import io.llmload.runner.worker.ProbeState;
import io.llmload.runner.worker.WorkerPhase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator keeps no test state in memory that a result depends on: stop it at any point of a test, start a
 * fresh one (new instances of everything, own client and caches) on the same API server, and the test ends as it
 * would have — with the exact totals the runners measured. The application's own operator is stopped for this
 * class; each test starts and stops {@link FreshOperator}s.
 */
@QuarkusTest
@TestProfile(RestartProfile.class)
@WithKubernetesTestServer(crud = true)
class OperatorRestartTest {

    private static final String NS = "restart";
    /** The cluster as the test sees it: a client of its own (a stopped operator closes the application's). */
    private static KubernetesClient kube;

    @Inject
    KubernetesClient appClient;

    @Inject
    Operator appOperator;

    @Inject
    Vertx vertx;

    @Inject
    OperatorConfig config;

    @KubernetesTestServer
    KubernetesServer server;

    private Simulator simulator;
    private FakeCluster cluster;

    @BeforeEach
    void onlyFreshOperators() {
        if (kube == null) {
            kube = new KubernetesClientBuilder().withConfig(appClient.getConfiguration()).build();
            appOperator.stop();
        }
        simulator = Simulator.start(SimulatorConfig.defaults().withGroundTruth());
        cluster = new FakeCluster(kube, NS);
    }

    @AfterEach
    void stop() {
        cluster.close();
        simulator.close();
    }

    @AfterAll
    static void closeClient() {
        if (kube != null) {
            kube.close();
            kube = null;
        }
    }

    @Test
    void anOperatorStoppedWhileRunnersStartedIsReplacedAndTheNewOneStartsAndFinishesTheRun() throws Exception {
        Job job;
        try (FreshOperator first = start()) {
            kube.resource(Manifests.chatTest("starting", NS, simulator.baseUrl(), 2, "")).create();
            job = cluster.awaitJob("starting-runners");
            awaitPhase("starting", LlmLoadTestStatus.PHASE_STARTING);
        }
        // No operator: the pods come up and wait for a start signal.
        List<Worker> workers = cluster.runPods(job, cluster.plan("starting-plan"));
        try (FreshOperator second = start()) {
            LlmLoadTestStatus status = awaitEnd("starting");
            assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(LlmLoadTestStatus.PHASE_SUCCEEDED);
            assertExactTotals(status, workers);
        }
    }

    @Test
    void anOperatorStoppedMidRunIsReplacedAndTheNewOneEndsItWithTheExactTotals() throws Exception {
        List<Worker> workers;
        try (FreshOperator first = start()) {
            kube.resource(Manifests.chatTest("running", NS, simulator.baseUrl(), 2, "")).create();
            Job job = cluster.awaitJob("running-runners");
            workers = cluster.runPods(job, cluster.plan("running-plan"));
            await().atMost(Duration.ofSeconds(20)).until(() -> status("running").getProgress() != null);
        }
        try (FreshOperator second = start()) {
            LlmLoadTestStatus status = awaitEnd("running");
            assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(LlmLoadTestStatus.PHASE_SUCCEEDED);
            assertExactTotals(status, workers);
            assertThat(status.getStages()).hasSize(2);
        }
    }

    @Test
    void aCapacitySearchGoesOnAfterARestartFromWhatItsStatusRecorded() throws Exception {
        // Three probes that hold (2, 4, 8 users: growth until the budget is used); the first operator leaves once
        // probe-1 is judged, the second replays status.search and commands the rest.
        LlmLoadTest search = Manifests.fromYaml("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n"
                + "metadata: {name: search, namespace: " + NS + "}\n"
                + "spec:\n"
                + "  target: {url: '" + simulator.baseUrl() + "', model: llmload-sim, metrics: {source: none}}\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {inputTokens: {value: 16}}, "
                + "output: {maxTokens: {value: 8}}}]}\n"
                + "  load: {model: closed, warmup: 300ms, shape: {type: search, from: 2, duration: 1s, growth: 2, "
                + "maxProbes: 3}}\n"
                + "  slo: {ttft: {p95: 30s}}\n"
                + "  runners: {replicas: 2}\n");
        List<Worker> workers;
        try (FreshOperator first = start()) {
            kube.resource(search).create();
            Job job = cluster.awaitJob("search-runners");
            workers = cluster.runPods(job, cluster.plan("search-plan"));
            await().atMost(Duration.ofSeconds(60)).until(() -> status("search").getSearch() != null
                    && status("search").getSearch().probes() != null
                    && !status("search").getSearch().probes().isEmpty());
        }
        try (FreshOperator second = start()) {
            LlmLoadTestStatus status = awaitEnd("search");
            assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(LlmLoadTestStatus.PHASE_SUCCEEDED);
            List<SearchProbeStatus> probes = status.getSearch().probes();
            assertThat(probes).extracting(SearchProbeStatus::stage).containsExactly("probe-1", "probe-2", "probe-3");
            assertThat(probes).extracting(SearchProbeStatus::level).containsExactly(2.0, 4.0, 8.0);
            assertThat(probes).allMatch(SearchProbeStatus::held);
            assertThat(status.getSearch().stopReason()).startsWith("probe budget used");
            // Every runner ran each probe once: none lost, none repeated across the restart.
            for (Worker worker : workers) {
                assertThat(worker.probes()).extracting(ProbeState::stage)
                        .containsExactly("probe-1", "probe-2", "probe-3");
            }
            // The status counts exactly what the runners measured in the probes (their warmups excluded).
            long measured = 0;
            for (int i = 0; i < workers.size(); i++) {
                measured += resultOf(i).stream().filter(c -> c.stage().matches("probe-\\d+"))
                        .mapToLong(CellData::requests).sum();
            }
            assertThat(measured).isPositive();
            assertThat(status.getSummary().requests()).isEqualTo(measured);
        }
    }

    @Test
    void runnersThatFinishedWhileNoOperatorWasThereKeepTheirResultsForTheNextOne() throws Exception {
        List<Worker> workers;
        try (FreshOperator first = start()) {
            kube.resource(Manifests.chatTest("finished", NS, simulator.baseUrl(), 2, "")).create();
            Job job = cluster.awaitJob("finished-runners");
            workers = cluster.runPods(job, cluster.plan("finished-plan"));
            awaitPhase("finished", LlmLoadTestStatus.PHASE_RUNNING);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> workers.stream()
                .allMatch(w -> w.status().phase() == WorkerPhase.FINISHED));
        assertThat(workers).as("nobody released them: they keep their results").noneMatch(w -> w.released().isDone());
        assertThat(status("finished").getPhase()).isEqualTo(LlmLoadTestStatus.PHASE_RUNNING);

        try (FreshOperator second = start()) {
            LlmLoadTestStatus status = awaitEnd("finished");
            assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(LlmLoadTestStatus.PHASE_SUCCEEDED);
            assertExactTotals(status, workers);
            // Collected, then released: the runners exit.
            await().atMost(Duration.ofSeconds(10)).until(() -> workers.stream().allMatch(w -> w.released().isDone()));
        }
    }

    @Test
    void runnersNeverToldToStartExitByThemselvesAndTheTestFailsSayingWhy() throws Exception {
        Job job;
        try (FreshOperator first = start()) {
            LlmLoadTest test = Manifests.chatTest("orphan", NS, simulator.baseUrl(), 2, "");
            test.getSpec().getRunners().setStartTimeout("2s");
            kube.resource(test).create();
            job = cluster.awaitJob("orphan-runners");
        }
        // The operator is gone for good: nobody sends a start signal. The runners give up at the plan's deadline.
        List<Worker> workers = cluster.runPods(job, cluster.plan("orphan-plan"));
        for (Worker worker : workers) {
            WorkerExit exit = worker.released().get(30, TimeUnit.SECONDS);
            assertThat(exit.code()).isEqualTo(WorkerExit.NOT_STARTED);
            assertThat(exit.reason()).contains("no start signal by");
        }
        assertThat(simulator.groundTruth().size()).isZero();

        try (FreshOperator second = start()) {
            LlmLoadTestStatus status = awaitEnd("orphan");
            assertThat(status.getPhase()).isEqualTo(LlmLoadTestStatus.PHASE_FAILED);
            assertThat(status.getMessage()).contains("failed before the start").contains("orphan-runners-")
                    .contains("exit code 1").contains("no start signal by");
            assertThat(Observed.condition(status, "Succeeded").getStatus()).isEqualTo("False");
            assertThat(Observed.condition(status, "Stalled").getStatus()).isEqualTo("True");
        }
    }

    @Test
    void aConflictOnTheFinalStatusWriteKeepsTheRunSucceeded() throws Exception {
        // The API server answers the first write of the final status with 409 Conflict, as it does when the copy
        // the operator worked from was stale. The reconcile fails with it and runs again.
        server.expect().put().withPath("/conflict").andReturn(409, new StatusBuilder().withCode(409)
                .withReason("Conflict").withMessage("Operation cannot be fulfilled on llmloadtests.llmload.io "
                        + "\"conflicted\": the object has been modified").build()).always();
        AtomicInteger refused = new AtomicInteger();
        Interceptor firstFinalWriteConflicts = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
                if ("PUT".equals(request.method()) && request.uri().getPath().endsWith("/conflicted/status")
                        && String.valueOf(request.bodyString()).contains("\"phase\":\"Succeeded\"")
                        && refused.compareAndSet(0, 1)) {
                    builder.uri(URI.create(request.uri().resolve("/conflict").toString()));
                }
            }
        };
        try (FreshOperator operator = FreshOperator.start(kube, vertx, config,
                http -> http.addOrReplaceInterceptor("conflict", firstFinalWriteConflicts))) {
            kube.resource(Manifests.chatTest("conflicted", NS, simulator.baseUrl(), 2, "")).create();
            Job job = cluster.awaitJob("conflicted-runners");
            List<Worker> workers = cluster.runPods(job, cluster.plan("conflicted-plan"));

            LlmLoadTestStatus status = awaitEnd("conflicted");
            assertThat(refused.get()).as("the final write met a conflict").isEqualTo(1);
            assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(LlmLoadTestStatus.PHASE_SUCCEEDED);
            assertExactTotals(status, workers);
            assertThat(new Observed(kube, NS).reportJson(status)).contains("\"overall\"");
            // The side effects ran once, after the write that went through.
            await().atMost(Duration.ofSeconds(10)).until(() -> new Observed(kube, NS).eventReasons("conflicted")
                    .contains("Completed"));
            assertThat(new Observed(kube, NS).eventReasons("conflicted")).containsOnlyOnce("Completed", "Started");
        }
    }

    /** The status totals equal what the runners measured (warmup excluded), merged. */
    private void assertExactTotals(LlmLoadTestStatus status, List<Worker> workers) {
        assertThat(status.getRunners().finished()).isEqualTo(workers.size());
        long measured = 0;
        for (int i = 0; i < workers.size(); i++) {
            for (CellData cell : resultOf(i)) {
                if (!"warmup".equals(cell.stage())) {
                    measured += cell.requests();
                }
            }
        }
        assertThat(measured).isPositive();
        assertThat(status.getSummary().requests()).isEqualTo(measured);
    }

    /** A runner's final cells, as its control endpoint serves them. */
    private List<CellData> resultOf(int index) {
        try {
            var response = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .build().send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0." + (index + 1)
                            + ":" + LoopbackRunnersProfile.CONTROL_PORT + "/v1/result"))
                            .header("Authorization", cluster.lastToken().authorization())
                            .timeout(Duration.ofSeconds(10)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            return io.llmload.runner.report.ReportFiles.mapper().readValue(response.body(),
                    io.llmload.runner.report.RunData.class).cells();
        } catch (Exception e) {
            throw new AssertionError("cannot read runner " + index + "'s result", e);
        }
    }

    private FreshOperator start() {
        return FreshOperator.start(kube, vertx, config);
    }

    private LlmLoadTestStatus awaitEnd(String name) {
        await().atMost(Duration.ofSeconds(60)).until(() -> LlmLoadTestStatus.isFinished(status(name).getPhase()));
        return status(name);
    }

    private void awaitPhase(String name, String phase) {
        await().atMost(Duration.ofSeconds(30)).until(() -> phase.equals(status(name).getPhase()));
    }

    private static LlmLoadTestStatus status(String name) {
        LlmLoadTest test = kube.resources(LlmLoadTest.class).inNamespace(NS).withName(name).get();
        return test == null || test.getStatus() == null ? new LlmLoadTestStatus() : test.getStatus();
    }
}
