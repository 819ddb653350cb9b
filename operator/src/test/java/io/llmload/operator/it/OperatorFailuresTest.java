package io.llmload.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EventListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.llmload.runner.worker.Worker;
import io.llmload.runner.worker.WorkerPhase;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What happens when things go wrong: a runner dies or cannot be reached, the test is deleted, runner pods never start
 * or are refused, the Job is refused or fails. Every test ends, with the reason in its status.
 */
@QuarkusTest
@TestProfile(LoopbackRunnersProfile.class)
@WithKubernetesTestServer(crud = true)
class OperatorFailuresTest {

    private static final String NS = "failures";
    private static final String LONG_LOAD = "  load:\n    model: closed\n    stages: [{name: long, duration: 60s, users: 4}]\n";

    @Inject
    KubernetesClient client;

    @Inject
    MeterRegistry meters;

    @KubernetesTestServer
    KubernetesServer server;

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
        assertThat(status.getReportRef()).isEqualTo("dies-run-" + status.getHistory().get(0).id());
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
        // Counted from the start deadline the status recorded when the run was planned.
        Instant deadline = Instant.parse(status.getStartDeadline());
        assertThat(Instant.parse(status.getCompletionTime())).isAfterOrEqualTo(deadline.minusSeconds(1));
        assertThat(status.getMessage()).startsWith("Runners not ready within 2s (by " + deadline + "): ");
        assertThat(Observed.condition(status, "Succeeded").getReason()).isEqualTo("StartDeadlineExceeded");
        assertThat(status.getMessage()).contains("not ready within").contains("ImagePullBackOff")
                .contains("stuck-runners-0-x");
        assertThat(status.getSummary()).isNull();
    }

    @Test
    void unreachableRunnersFailTheTestAtTheRunDeadlineNamingThem() {
        LlmLoadTest test = Manifests.fromYaml("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n"
                + "metadata: {name: cutoff, namespace: " + NS + "}\n"
                + "spec:\n"
                + "  target: {url: '" + simulator.baseUrl() + "', model: llmload-sim}\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {text: hello}, output: {maxTokens: {value: 8}}}]}\n"
                + "  load: {model: closed, gracefulStop: 1s, stages: [{duration: 2s, users: 2}]}\n"
                + "  runners: {replicas: 2}\n");
        client.resource(test).create();
        Job job = cluster.awaitJob("cutoff-runners");
        cluster.runPods(job, cluster.plan("cutoff-plan"));
        await().atMost(Duration.ofSeconds(20)).until(() -> requestsSoFar("cutoff") > 0);

        // Runner 1 can no longer be reached; its pod still looks fine. Runner 0 runs to the end.
        double pollFailuresBefore = pollFailures();
        cluster.partition(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> String.valueOf(status("cutoff").getMessage())
                .startsWith("Runner(s) not answering (deadline "));
        assertThat(pollFailures()).as("llmload_runner_poll_failures_total counts the unanswered polls")
                .isGreaterThan(pollFailuresBefore);
        assertThat(status("cutoff").getPhase()).isEqualTo(LlmLoadTestStatus.PHASE_RUNNING);

        LlmLoadTestStatus status = awaitPhase("cutoff", LlmLoadTestStatus.PHASE_FAILED);
        Instant deadline = Instant.parse(status.getRunDeadline());
        assertThat(deadline).isEqualTo(Instant.parse(status.getStartTime()).plusSeconds(3 + 5));
        assertThat(Instant.parse(status.getCompletionTime())).isAfterOrEqualTo(deadline.minusSeconds(1));
        assertThat(status.getMessage()).startsWith("Not finished by the run deadline " + deadline)
                .contains("runner 1 (pod cutoff-runners-1-x)").doesNotContain("runner 0 (");
        assertThat(Observed.condition(status, "Succeeded").getStatus()).isEqualTo("False");
        assertThat(Observed.condition(status, "Succeeded").getReason()).isEqualTo("RunDeadlineExceeded");
        assertThat(Observed.condition(status, "Stalled").getStatus()).isEqualTo("True");
        assertThat(status.getSummary().requests()).as("runner 0's results and runner 1's last progress kept")
                .isPositive();
    }

    @Test
    void aStatusWriteRefusedByAConflictIsCountedAndTheTestGoesOn() {
        double before = meters.get("llmload.status.conflicts").counter().count();
        // The operator's first status write of this test is refused, as when its copy was stale.
        server.expect().put().withPath("/apis/llmload.io/v1alpha1/namespaces/" + NS + "/llmloadtests/stale/status")
                .andReturn(409, new StatusBuilder().withCode(409).withReason("Conflict").withMessage(
                        "the object has been modified; please apply your changes to the latest version").build())
                .once();
        client.resource(longTest("stale", 1)).create();

        // The next reconcile decides afresh on the newer copy and saves its status.
        await().atMost(Duration.ofSeconds(30)).until(() -> status("stale").getPhase(),
                phase -> LlmLoadTestStatus.PHASE_PENDING.equals(phase)
                        || LlmLoadTestStatus.PHASE_STARTING.equals(phase));
        assertThat(meters.get("llmload.status.conflicts").counter().count()).isEqualTo(before + 1);
    }

    private double pollFailures() {
        return meters.get("llmload.runner.poll.failures").counter().count();
    }

    @Test
    void aJobRefusedByTheApiServerFailsTheTestAtOnceWithItsMessageAndNoRetry() {
        String refusal = "jobs.batch \"quota-runners\" is forbidden: exceeded quota: compute, requested: "
                + "requests.cpu=2, used: requests.cpu=9, limited: requests.cpu=10";
        server.expect().post().withPath("/apis/batch/v1/namespaces/" + NS + "/jobs").andReturn(403,
                new StatusBuilder().withCode(403).withReason("Forbidden").withMessage(refusal).build()).once();
        client.resource(longTest("quota", 2)).create();

        LlmLoadTestStatus status = awaitPhase("quota", LlmLoadTestStatus.PHASE_FAILED);
        assertThat(status.getMessage()).isEqualTo("Kubernetes refused the run: " + refusal);
        assertThat(Observed.condition(status, "Succeeded").getReason()).isEqualTo("CreateRefused");
        assertThat(Observed.condition(status, "Completed").getStatus()).isEqualTo("True");
        await().atMost(Duration.ofSeconds(10)).until(() -> new Observed(client, NS).eventReasons("quota")
                .contains("CreateRefused"));
        // No retry behind the user's back: the next POST would have gone through.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                client.batch().v1().jobs().inNamespace(NS).withName("quota-runners").get() == null
                        && LlmLoadTestStatus.PHASE_FAILED.equals(status("quota").getPhase()));
    }

    @Test
    void runnerPodsRefusedByAdmissionFailTheTestWithTheApiServersMessage() {
        client.resource(longTest("admission", 2)).create();
        Job job = cluster.awaitJob("admission-runners");
        // The Job controller could not create the pods: it says so only in an Event on the Job.
        String refusal = "pods \"admission-runners-0-7xk2p\" is forbidden: violates PodSecurity "
                + "\"restricted:latest\": runAsNonRoot != true";
        server.expect().get().withPath("/api/v1/namespaces/" + NS + "/events?fieldSelector=involvedObject.uid%3D"
                + job.getMetadata().getUid()).andReturn(200, new EventListBuilder().addNewItem()
                        .withNewMetadata().withName("admission-runners.1").withNamespace(NS).endMetadata()
                        .withType("Warning").withReason("FailedCreate").withMessage(refusal)
                        .withNewInvolvedObject().withKind("Job").withName("admission-runners")
                        .withUid(job.getMetadata().getUid()).endInvolvedObject()
                        .endItem().build()).always();

        LlmLoadTestStatus status = awaitPhase("admission", LlmLoadTestStatus.PHASE_FAILED);
        assertThat(status.getMessage()).isEqualTo("Kubernetes refused to create the runner pods: " + refusal);
        assertThat(Observed.condition(status, "Succeeded").getReason()).isEqualTo("PodsRefused");
    }

    @Test
    void aRunnerJobThatFailsEndsTheTestWithTheJobsReason() {
        client.resource(longTest("expired", 2)).create();
        Job job = cluster.awaitJob("expired-runners");
        List<Worker> workers = cluster.runPods(job, cluster.plan("expired-plan"));
        await().atMost(Duration.ofSeconds(20)).until(() -> requestsSoFar("expired") > 0);

        cluster.failJob(job, "DeadlineExceeded", "Job was active longer than specified deadline");

        LlmLoadTestStatus status = awaitPhase("expired", LlmLoadTestStatus.PHASE_FAILED);
        assertThat(status.getMessage()).isEqualTo("The runner Job failed mid-test: DeadlineExceeded: Job was active "
                + "longer than specified deadline");
        assertThat(status.getSummary().requests()).isPositive();
        await().atMost(Duration.ofSeconds(5)).until(() -> workers.stream()
                .allMatch(w -> w.status().phase() == WorkerPhase.ABORTED));
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
