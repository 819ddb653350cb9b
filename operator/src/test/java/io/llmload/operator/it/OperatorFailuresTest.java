package io.llmload.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.llmload.runner.worker.Worker;
import io.llmload.runner.worker.WorkerPhase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What happens when things go wrong: a runner dies, the test is deleted, runner pods never start. */
@QuarkusTest
@TestProfile(LoopbackRunnersProfile.class)
@WithKubernetesTestServer(crud = true)
class OperatorFailuresTest {

    private static final String NS = "failures";
    private static final String LONG_LOAD = "  load:\n    model: closed\n    stages: [{name: long, duration: 60s, users: 4}]\n";

    @Inject
    KubernetesClient client;

    private Simulator simulator;
    private FakeCluster cluster;

    @BeforeEach
    void start() {
        simulator = Simulator.start(SimulatorConfig.defaults().withGroundTruth());
        cluster = new FakeCluster(client, NS);
    }

    @AfterEach
    void stop() {
        cluster.close();
        simulator.close();
    }

    @Test
    void aRunnerDyingMidTestFailsTheTestWithItsPodAndReasonAndKeepsPartialResults() {
        client.resource(longTest("dies", 2)).create();
        Job job = cluster.awaitJob("dies-runners");
        List<Worker> workers = cluster.runPods(job, cluster.plan("dies-plan"));
        await().atMost(Duration.ofSeconds(20)).until(() -> requestsSoFar("dies") > 0);

        cluster.failPod(job, 1, "OOMKilled");

        LlmLoadTestStatus status = awaitPhase("dies", LlmLoadTestStatus.PHASE_FAILED);
        assertThat(status.getMessage()).contains("Runner 1").contains("dies-runners-1-x").contains("OOMKilled");
        assertThat(status.getSummary().requests()).as("partial results kept").isPositive();
        assertThat(status.getReportRef()).isEqualTo("dies-report");
        assertThat(Observed.condition(status, "Completed").getStatus()).isEqualTo("True");
        // The surviving runner was stopped rather than left generating load.
        await().atMost(Duration.ofSeconds(5)).until(() -> workers.get(0).status().phase(),
                p -> p == WorkerPhase.ABORTED || p == WorkerPhase.FINISHED);
    }

    @Test
    void deletingTheTestStopsAllLoadWithinFiveSeconds() {
        client.resource(longTest("deleted", 2)).create();
        Job job = cluster.awaitJob("deleted-runners");
        List<Worker> workers = cluster.runPods(job, cluster.plan("deleted-plan"));
        await().atMost(Duration.ofSeconds(20)).until(() -> simulator.groundTruth().size() > 10);

        long deletedAt = System.nanoTime();
        client.resources(LlmLoadTest.class).inNamespace(NS).withName("deleted").delete();

        await().atMost(Duration.ofSeconds(5)).until(() -> workers.stream()
                .allMatch(w -> w.status().phase() == WorkerPhase.ABORTED));
        System.out.printf("deletion stopped the load in %d ms%n", (System.nanoTime() - deletedAt) / 1_000_000);
        int afterAbort = simulator.groundTruth().size();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> simulator.groundTruth().size() == afterAbort);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.resources(LlmLoadTest.class).inNamespace(NS)
                .withName("deleted").get() == null);
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("deleted-runners").get()).isNull();
    }

    @Test
    void aGuardrailTrippingEndsTheTestAbortedWithTheReasonAndKeepsTheResults() {
        LlmLoadTest test = longTest("guarded", 2);
        test.getSpec().setGuardrails(new io.llmload.runner.spec.GuardrailSpec(null, null, null, "2s"));
        client.resource(test).create();
        Job job = cluster.awaitJob("guarded-runners");
        cluster.runPods(job, cluster.plan("guarded-plan"));

        LlmLoadTestStatus status = awaitPhase("guarded", LlmLoadTestStatus.PHASE_ABORTED);
        assertThat(status.getMessage()).contains("guardrail maxDuration");
        assertThat(Observed.condition(status, "Aborted").getStatus()).isEqualTo("True");
        assertThat(Observed.condition(status, "Completed").getStatus()).isEqualTo("True");
        assertThat(status.getSummary().requests()).isPositive();
        assertThat(status.getRunners().finished()).isEqualTo(2);
    }

    @Test
    void runnersThatNeverBecomeReadyFailTheTestAtTheStartDeadlineWithTheReason() {
        client.resource(longTest("stuck", "{replicas: 1, startTimeout: 2s}")).create();
        Job job = cluster.awaitJob("stuck-runners");
        cluster.stuckPod(job, 0, "ImagePullBackOff");
        LlmLoadTestStatus status = awaitPhase("stuck", LlmLoadTestStatus.PHASE_FAILED);
        assertThat(status.getMessage()).contains("not ready within").contains("ImagePullBackOff")
                .contains("stuck-runners-0-x");
        assertThat(status.getSummary()).isNull();
    }

    private LlmLoadTest longTest(String name, int replicas) {
        return longTest(name, "{replicas: " + replicas + "}");
    }

    private LlmLoadTest longTest(String name, String runners) {
        return Manifests.fromYaml("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n"
                + "metadata: {name: " + name + ", namespace: " + NS + "}\n"
                + "spec:\n"
                + "  target: {url: '" + simulator.baseUrl() + "', model: llmload-sim}\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {text: hello}, output: {maxTokens: {value: 16}}}]}\n"
                + LONG_LOAD
                + "  runners: " + runners + "\n");
    }

    private long requestsSoFar(String name) {
        LlmLoadTestStatus status = status(name);
        return status.getProgress() == null || status.getProgress().requests() == null ? 0
                : status.getProgress().requests();
    }

    private LlmLoadTestStatus awaitPhase(String name, String phase) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status(name).getPhase(), phase::equals);
        return status(name);
    }

    private LlmLoadTestStatus status(String name) {
        return new Observed(client, NS).status(name);
    }
}
