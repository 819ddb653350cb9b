package io.llmload.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.runner.engine.Guardrails;
import io.llmload.runner.simulator.FaultInjection;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.llmload.runner.worker.Worker;
import io.llmload.runner.worker.WorkerPhase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Guardrails judged by the operator on the merged stream of all runners: a failing server spread over 4 runners,
 * each seeing too few requests in its window to judge (under the 20-attempt minimum), still aborts the test.
 */
@QuarkusTest
@TestProfile(LoopbackRunnersProfile.class)
@WithKubernetesTestServer(crud = true)
class OperatorMergedGuardrailsTest {

    private static final String NS = "merged-guardrails";

    @Inject
    KubernetesClient client;

    private Simulator simulator;
    private FakeCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void anErrorRateSpreadThinOverFourRunnersAbortsTheTestFromTheMergedStream() {
        // Half the requests fail. 8 arrivals/s in all: 2/s per runner, so a runner's 5s window holds about 10
        // attempts (< 20, it never judges) while the merged window holds about 40.
        simulator = Simulator.start(SimulatorConfig.defaults()
                .withFaults(new FaultInjection(0, 1, 0.5, 0, 0, 0)));
        cluster = new FakeCluster(client, NS);
        client.resource(Manifests.fromYaml("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n"
                + "metadata: {name: spread, namespace: " + NS + "}\n"
                + "spec:\n"
                + "  target: {url: '" + simulator.baseUrl() + "', model: llmload-sim, metrics: {source: none}}\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {text: hello}, output: {maxTokens: {value: 8}}}]}\n"
                + "  load: {model: open, arrival: constant, stages: [{name: long, duration: 60s, rate: 8}]}\n"
                + "  guardrails: {abortOnErrorRate: 10%, window: 5s}\n"
                + "  runners: {replicas: 4}\n")).create();
        Job job = cluster.awaitJob("spread-runners");
        List<Worker> workers = cluster.runPods(job, cluster.plan("spread-plan"));
        assertThat(2 * 5).as("a runner's window stays under the minimum").isLessThan(Guardrails.MIN_ATTEMPTS);

        await().atMost(Duration.ofSeconds(40)).until(() -> status().getPhase(),
                p -> LlmLoadTestStatus.PHASE_ABORTED.equals(p) || LlmLoadTestStatus.PHASE_FAILED.equals(p)
                        || LlmLoadTestStatus.PHASE_SUCCEEDED.equals(p));
        LlmLoadTestStatus status = status();
        assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(LlmLoadTestStatus.PHASE_ABORTED);
        assertThat(status.getMessage()).contains("guardrail abortOnErrorRate").contains("all 4 runners merged");
        assertThat(Observed.condition(status, "Aborted").getStatus()).isEqualTo("True");
        assertThat(Observed.condition(status, "Aborted").getMessage()).contains("guardrail abortOnErrorRate");
        assertThat(status.getRunners().finished()).isEqualTo(4);
        assertThat(workers).allSatisfy(w -> assertThat(w.status().phase()).isEqualTo(WorkerPhase.ABORTED));
        // Well before the 60 s stage would have ended: stopped by the operator, not by the end of the plan.
        assertThat(status.getSummary().requests()).isPositive().isLessThan(8 * 40);
        assertThat(status.getSummary().errorRate()).isGreaterThan(0.1);
        // The Warning Event at the moment it tripped names the guardrail (the one at the end says Breached or Aborted).
        Event tripped = await().atMost(Duration.ofSeconds(10)).until(() -> client.v1().events().inNamespace(NS)
                .list().getItems().stream().filter(e -> "GuardrailTripped".equals(e.getReason())).findFirst()
                .orElse(null), e -> e != null);
        assertThat(tripped.getType()).isEqualTo("Warning");
        assertThat(tripped.getMessage()).startsWith("guardrail abortOnErrorRate: error rate");
        System.out.printf("merged guardrail: tripped %d ms after the load started, test Aborted %d ms after that%n",
                Duration.between(Instant.parse(status.getStartTime()), Instant.parse(tripped.getFirstTimestamp()))
                        .toMillis(),
                Duration.between(Instant.parse(tripped.getFirstTimestamp()), Instant.parse(status.getCompletionTime()))
                        .toMillis());
    }

    private LlmLoadTestStatus status() {
        return new Observed(client, NS).status("spread");
    }
}
