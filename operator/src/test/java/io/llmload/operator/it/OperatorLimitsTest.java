package io.llmload.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.dependent.ReportConfigMap;
import io.llmload.operator.status.StatusLimits;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A test far larger than usual still ends with a readable status: 500 stages and 20 request types (10,000 cells of
 * histograms). The status shows the first stages and says so; the report ConfigMap stays under Kubernetes' 1 MiB
 * limit, gzip-compressed, and is still a report {@code llmload report} reads.
 */
@QuarkusTest
@TestProfile(LoopbackRunnersProfile.class)
@WithKubernetesTestServer(crud = true)
class OperatorLimitsTest {

    private static final String NS = "limits";
    private static final int STAGES = 500;
    private static final int TYPES = 20;

    @Inject
    KubernetesClient client;

    private Simulator simulator;
    private FakeCluster cluster;

    @BeforeEach
    void start() {
        simulator = Simulator.start(SimulatorConfig.defaults());
        cluster = new FakeCluster(client, NS, 71);
    }

    @AfterEach
    void stop() {
        cluster.close();
        simulator.close();
    }

    @Test
    void fiveHundredStagesAndTwentyRequestTypesCompleteWithABoundedStatus() throws Exception {
        client.resource(Manifests.fromYaml(manifest())).create();
        Job job = cluster.awaitJob("big-runners");
        cluster.runPods(job, cluster.plan("big-plan"));

        await().atMost(Duration.ofSeconds(120)).until(() -> status().getPhase(),
                p -> LlmLoadTestStatus.PHASE_SUCCEEDED.equals(p) || LlmLoadTestStatus.PHASE_FAILED.equals(p));
        LlmLoadTestStatus status = status();
        assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(LlmLoadTestStatus.PHASE_SUCCEEDED);

        // The status: the first 50 stages, a note on the rest, the whole run summarized.
        assertThat(status.getStages()).hasSize(StatusLimits.STAGES);
        assertThat(status.getStages().get(0).name()).isEqualTo("s0");
        assertThat(status.getStages().get(StatusLimits.STAGES - 1).name()).isEqualTo("s" + (StatusLimits.STAGES - 1));
        assertThat(status.getTruncated()).contains("status.stages: the first " + StatusLimits.STAGES + " of "
                + STAGES + " are shown; the report ConfigMap has them all");
        assertThat(status.getSummary().requests()).isPositive();
        int statusBytes = Serialization.asJson(client.resources(LlmLoadTest.class).inNamespace(NS).withName("big")
                .get()).getBytes(StandardCharsets.UTF_8).length;
        assertThat(statusBytes).as("the whole object, spec and status").isLessThan(256 * 1024);

        // The report: compressed under the ConfigMap limit, every stage kept.
        ConfigMap stored = client.configMaps().inNamespace(NS).withName(status.getReportRef()).get();
        byte[] gzip = Base64.getDecoder().decode(stored.getBinaryData().get(ReportConfigMap.KEY));
        assertThat(gzip.length).isLessThan(1024 * 1024);
        Report report = ReportConfigMap.read(stored);
        assertThat(report.stages()).hasSize(STAGES);
        assertThat(report.requestTypes()).hasSize(TYPES);
        assertThat(report.overall().requests()).isEqualTo(status.getSummary().requests());
        String dropped = stored.getData() == null ? null : stored.getData().get(ReportConfigMap.TRUNCATED_KEY);
        if (dropped != null) {
            // What the ConfigMap left out, the status says too.
            assertThat(status.getTruncated()).anyMatch(n -> n.startsWith("report: left out "
                    + dropped.replace(",", ", ")));
        }
        JsonNode json = ReportFiles.mapper().readTree(Observed.reportJson(stored));
        assertThat(json.get("stages")).hasSize(STAGES);
        System.out.printf("500 stages x 20 types: object %d bytes, report %d bytes gzip, dropped: %s%n",
                statusBytes, gzip.length, dropped);
    }

    private LlmLoadTestStatus status() {
        return new Observed(client, NS).status("big");
    }

    /**
     * 20 request types, 500 stages of 20 ms (10 s in all) alternating 1 and 2 users, one runner: the size comes
     * from the shape, not the load (each cell with requests costs the operator a merge of dense histograms at every
     * poll, which is why the load stays light).
     */
    private String manifest() {
        StringBuilder yaml = new StringBuilder("apiVersion: llmload.io/v1alpha1\n"
                + "kind: LlmLoadTest\n"
                + "metadata: {name: big, namespace: " + NS + "}\n"
                + "spec:\n"
                + "  target: {url: '" + simulator.baseUrl() + "', model: llmload-sim, metrics: {source: none}}\n"
                + "  workload:\n"
                + "    mix:\n");
        for (int t = 0; t < TYPES; t++) {
            yaml.append("      - {name: type-").append(t).append(", api: chat, prompt: {inputTokens: {value: 8}}, "
                    + "output: {maxTokens: {value: 2}}}\n");
        }
        yaml.append("  load:\n    model: closed\n    gracefulStop: 2s\n    stages:\n");
        for (int s = 0; s < STAGES; s++) {
            yaml.append("      - {name: s").append(s).append(", duration: 20ms, users: ").append(1 + s % 2)
                    .append("}\n");
        }
        yaml.append("  runners: {replicas: 1}\n");
        return yaml.toString();
    }
}
