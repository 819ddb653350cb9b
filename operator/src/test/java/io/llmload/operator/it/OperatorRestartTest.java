package io.llmload.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.metrics.OperatorMetrics;
import io.llmload.operator.reconciler.LlmLoadTestReconciler;
import io.llmload.operator.reconciler.TestLifecycle;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The operator keeps no test state in memory: stop it mid-test, start a new operator instance on the same API
 * server, and the test still completes with a correct status.
 */
@QuarkusTest
@TestProfile(RestartProfile.class)
@WithKubernetesTestServer(crud = true)
class OperatorRestartTest {

    private static final String NS = "restart";

    @Inject
    KubernetesClient client;

    @Inject
    Operator operator;

    @Inject
    TestLifecycle lifecycle;

    @Inject
    OperatorMetrics metrics;

    private KubernetesClient statusClient;

    @Test
    void aNewOperatorInstanceFinishesATestTheOldOneStarted() {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults());
                FakeCluster cluster = new FakeCluster(client, NS)) {
            client.resource(Manifests.chatTest("survivor", NS, simulator.baseUrl(), 2, "")).create();
            Job job = cluster.awaitJob("survivor-runners");
            cluster.runPods(job, cluster.plan("survivor-plan"));
            await().atMost(Duration.ofSeconds(20)).until(() -> status().getProgress() != null);

            // The stopped operator closes its client (the injected one): the new instance gets its own.
            KubernetesClient fresh = new KubernetesClientBuilder().withConfig(client.getConfiguration()).build();
            operator.stop();
            statusClient = fresh;
            Operator replacement = new Operator(o -> o.withKubernetesClient(fresh)
                    .withCloseClientOnStop(false)
                    .checkingCRDAndValidateLocalModel(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withUseSSAToPatchPrimaryResource(false));
            replacement.register(new LlmLoadTestReconciler(lifecycle, metrics));
            replacement.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> status().getPhase(),
                        p -> LlmLoadTestStatus.PHASE_SUCCEEDED.equals(p) || LlmLoadTestStatus.PHASE_FAILED.equals(p));
                LlmLoadTestStatus status = status();
                assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(LlmLoadTestStatus.PHASE_SUCCEEDED);
                assertThat(status.getRunners().finished()).isEqualTo(2);
                assertThat(status.getSummary().requests()).isPositive();
                assertThat(status.getStages()).hasSize(2);
                assertThat(fresh.configMaps().inNamespace(NS).withName(status.getReportRef()).get()).isNotNull();
            } finally {
                replacement.stop();
                fresh.close();
            }
        }
    }

    private LlmLoadTestStatus status() {
        KubernetesClient reader = statusClient != null ? statusClient : client;
        LlmLoadTest test = reader.resources(LlmLoadTest.class).inNamespace(NS).withName("survivor").get();
        return test.getStatus() == null ? new LlmLoadTestStatus() : test.getStatus();
    }
}
