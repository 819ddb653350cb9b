package io.llmload.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Without spec.target.model the runners ask the server (GET /v1/models): its only model is used and the status says
 * so; a server with several models fails the test with the list in the status message.
 */
@QuarkusTest
@TestProfile(LoopbackRunnersProfile.class)
@WithKubernetesTestServer(crud = true)
class OperatorModelDiscoveryTest {

    private static final String NS = "discovery";

    @Inject
    KubernetesClient client;

    @Test
    void theRunnersUseTheServersOnlyModelAndTheStatusSaysSo() {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withModelName("qwen2.5-7b"));
                FakeCluster cluster = new FakeCluster(client, NS, 40)) {
            client.resource(Manifests.fromYaml(manifest("one-model", simulator.baseUrl()))).create();
            Job job = cluster.awaitJob("one-model-runners");
            assertThat(cluster.plan("one-model-plan").model()).isNull();
            cluster.runPods(job, cluster.plan("one-model-plan"));
            LlmLoadTestStatus status = awaitEnd("one-model");
            assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(LlmLoadTestStatus.PHASE_SUCCEEDED);
            assertThat(status.getTarget().model()).isEqualTo("qwen2.5-7b");
            assertThat(status.getTarget().modelSource()).isEqualTo("discovered");
            assertThat(status.getSummary().requests()).isPositive();
        }
    }

    @Test
    void severalModelsFailTheTestWithTheListInTheStatus() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (FakeCluster cluster = new FakeCluster(client, NS, 50)) {
            HttpServer server = vertx.createHttpServer().requestHandler(r -> r.response()
                    .putHeader("content-type", "application/json")
                    .end("{\"object\":\"list\",\"data\":[{\"id\":\"llama-8b\"},{\"id\":\"llama-70b\"}]}"))
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            client.resource(Manifests.fromYaml(manifest("two-models", "http://127.0.0.1:" + server.actualPort())))
                    .create();
            Job job = cluster.awaitJob("two-models-runners");
            cluster.runPods(job, cluster.plan("two-models-plan"));
            LlmLoadTestStatus status = awaitEnd("two-models");
            assertThat(status.getPhase()).isEqualTo(LlmLoadTestStatus.PHASE_FAILED);
            assertThat(status.getMessage()).contains("spec.target.model: not set, and the server serves 2 models "
                    + "(llama-8b, llama-70b): set spec.target.model (CLI: --model) to one of them");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static String manifest(String name, String url) {
        return "apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n"
                + "metadata: {name: " + name + ", namespace: " + NS + "}\n"
                + "spec:\n"
                + "  target: {url: '" + url + "', metrics: {source: none}}\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {text: hi}, output: {maxTokens: {value: 4}}}]}\n"
                + "  load: {model: closed, stages: [{duration: 1s, users: 1}]}\n"
                + "  runners: {replicas: 1}\n";
    }

    private LlmLoadTestStatus awaitEnd(String name) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> new Observed(client, NS).status(name),
                s -> s != null && (LlmLoadTestStatus.PHASE_SUCCEEDED.equals(s.getPhase())
                        || LlmLoadTestStatus.PHASE_FAILED.equals(s.getPhase())));
    }
}
