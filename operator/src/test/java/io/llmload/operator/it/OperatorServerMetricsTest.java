package io.llmload.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.api.v1alpha1.ServerStatus;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator reads the inference server's own metrics while a test runs: it lists the server's pods by label and
 * scrapes each on its pod IP (here the in-process simulator on 127.0.0.1, and a DCGM exporter), then writes the
 * report's server section, a compact status.server and a Warning Event per alert.
 */
@QuarkusTest
@TestProfile(LoopbackRunnersProfile.class)
@WithKubernetesTestServer(crud = true)
class OperatorServerMetricsTest {

    private static final String NS = "servermetrics";
    private static final String DCGM = "DCGM_FI_DEV_GPU_UTIL{gpu=\"0\"} 87\nDCGM_FI_DEV_GPU_UTIL{gpu=\"1\"} 45\n"
            + "DCGM_FI_DEV_POWER_USAGE{gpu=\"0\"} 512.25\nDCGM_FI_DEV_POWER_USAGE{gpu=\"1\"} 380.75\n";

    @Inject
    KubernetesClient client;

    @Inject
    Vertx vertx;

    private Simulator simulator;
    private FakeCluster cluster;
    private HttpServer dcgm;

    @BeforeEach
    void start() throws Exception {
        simulator = Simulator.start(SimulatorConfig.defaults());
        cluster = new FakeCluster(client, NS);
        dcgm = vertx.createHttpServer().requestHandler(r -> r.response().end(DCGM)).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        // The inference server's pod and a DCGM exporter pod, both reachable on loopback like pod IPs.
        client.resource(servingPod("vllm-0", Map.of("app", "vllm"))).create();
        client.resource(servingPod("dcgm-exporter-abc", Map.of("app", "dcgm"))).create();
        client.resource(servingPod("unrelated", Map.of("app", "other"))).create();
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
        simulator.close();
        dcgm.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client.pods().inNamespace(NS).delete();
    }

    @Test
    void anOverloadShowsTheKvCacheFullAndAQueueInStatusWithServerAlertEvents() throws Exception {
        LlmLoadTestStatus status = run("overload", 120, 500, 100, "4s");

        ServerStatus server = status.getServer();
        assertThat(server.source()).isEqualTo("pods app=vllm in " + NS + ", DCGM pods app=dcgm in " + NS);
        assertThat(server.kvCacheUsagePercent().max()).isGreaterThan(80);
        assertThat(server.waiting().max()).isGreaterThan(10);
        assertThat(server.running().max()).isGreaterThan(0);
        assertThat(server.alerts()).extracting(ServerStatus.ServerAlertStatus::metric)
                .contains("kvCacheUsage", "waiting");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(new Observed(client, NS)
                .eventReasons("overload")).contains("ServerAlert"));

        JsonNode report = ReportFiles.mapper().readTree(new Observed(client, NS).reportJson(status));
        JsonNode stage = report.get("server").get("stages").get(0);
        assertThat(stage.get("name").asText()).isEqualTo("only");
        assertThat(stage.get("metrics").get("kvCacheUsage").get("max").asDouble()).isGreaterThan(0.8);
        assertThat(stage.get("generationTokensPerSecond").asDouble()).isPositive();
        assertThat(report.get("server").get("timeline").size()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aLightRunShowsNoQueueNoAlertAndTheGpusOfTheDcgmExporter() {
        LlmLoadTestStatus status = run("light", 2, 32, 16, "2s");

        ServerStatus server = status.getServer();
        assertThat(server.kvCacheUsagePercent().max()).isLessThan(10);
        assertThat(server.waiting().max()).isZero();
        assertThat(server.generationTokensPerSecond()).isPositive();
        assertThat(server.gpuUtilPercent()).isEqualTo(new ServerStatus.ServerGauge(66.0, 87.0));
        assertThat(server.powerWatts().max()).isEqualTo(512.25);
        assertThat(server.alerts()).isEmpty();
        // Events follow the final status.
        await().atMost(Duration.ofSeconds(10)).until(() -> new Observed(client, NS).eventReasons("light")
                .contains("Completed"));
        assertThat(new Observed(client, NS).eventReasons("light")).doesNotContain("ServerAlert");
    }

    private LlmLoadTestStatus run(String name, int users, int promptTokens, int outputTokens, String duration) {
        client.resource(Manifests.fromYaml("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n"
                + "metadata: {name: " + name + ", namespace: " + NS + "}\n"
                + "spec:\n"
                + "  target:\n"
                + "    url: '" + simulator.baseUrl() + "'\n"
                + "    model: llmload-sim\n"
                + "    metrics: {source: pods, podSelector: {app: vllm}, port: " + simulator.port() + ", interval: 200ms,"
                + " dcgm: {podSelector: {app: dcgm}, port: " + dcgm.actualPort() + "}}\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {inputTokens: {value: " + promptTokens + "}},"
                + " output: {maxTokens: {value: " + outputTokens + "}}}]}\n"
                + "  load: {model: closed, stages: [{name: only, duration: " + duration + ", users: " + users + "}]}\n"
                + "  runners: {replicas: 2}\n")).create();
        Job job = cluster.awaitJob(name + "-runners");
        cluster.runPods(job, cluster.plan(name + "-plan"));
        await().atMost(Duration.ofSeconds(90)).until(() -> new Observed(client, NS).status(name).getPhase(),
                p -> LlmLoadTestStatus.PHASE_SUCCEEDED.equals(p) || LlmLoadTestStatus.PHASE_FAILED.equals(p));
        LlmLoadTestStatus status = new Observed(client, NS).status(name);
        assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(LlmLoadTestStatus.PHASE_SUCCEEDED);
        return status;
    }

    private Pod servingPod(String name, Map<String, String> labels) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("server").withImage("server").endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP("127.0.0.1").endStatus()
                .build();
    }
}
