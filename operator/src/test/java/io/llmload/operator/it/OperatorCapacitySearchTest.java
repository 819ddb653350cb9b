package io.llmload.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.api.v1alpha1.ResultSummary;
import io.llmload.operator.api.v1alpha1.SearchProbeStatus;
import io.llmload.runner.simulator.FaultInjection;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.llmload.runner.simulator.SimulatorProfile;
import io.llmload.runner.worker.ProbeState;
import io.llmload.runner.worker.Worker;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A capacity search run by the operator on two runners against the simulator's demo profile: every probe runs on
 * both runners (each producing half of the probe's users), is judged on their merged histograms, and the search
 * brackets the capacity the simulator's model predicts — the workload and SLO of the CLI's
 * {@code CapacitySearchSimulatorTest}, with a coarser precision so that it takes at most four short probes.
 */
@QuarkusTest
@TestProfile(LoopbackRunnersProfile.class)
@WithKubernetesTestServer(crud = true)
class OperatorCapacitySearchTest {

    private static final String NS = "capacity-search";
    private static final int PREFIX_TOKENS = 6_000;
    private static final int PROMPT_TOKENS = 16;
    private static final int MIN_OUTPUT = 48;
    private static final int MAX_OUTPUT = 80;
    private static final double ITL_P50_MS = 14;

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

    /** Users at which the model's mean decode step reaches the ITL target (see CapacitySearchSimulatorTest). */
    private static double modelCapacity(double prefillTokensPerAdmission) {
        double meanOutput = (MIN_OUTPUT + MAX_OUTPUT) / 2.0;
        return SimulatorProfile.demo8bH100().sequencesAtStep(ITL_P50_MS * 1000,
                PREFIX_TOKENS + PROMPT_TOKENS + meanOutput / 2, prefillTokensPerAdmission / meanOutput);
    }

    @Test
    void probesRunOnBothRunnersAreJudgedMergedAndBracketTheModelsCapacity() throws Exception {
        simulator = Simulator.start(SimulatorConfig.defaults().withProfile(SimulatorProfile.demo8bH100())
                .withTokensPerChunk(8));
        cluster = new FakeCluster(client, NS);
        client.resource(Manifests.fromYaml("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n"
                + "metadata: {name: search, namespace: " + NS + "}\n"
                + "spec:\n"
                + "  target: {url: '" + simulator.baseUrl() + "', model: " + simulator.config().modelName()
                + ", metrics: {source: none}}\n"
                + "  workload:\n"
                + "    seed: 3\n"
                + "    mix: [{name: chat, api: chat, prompt: {sharedPrefixTokens: " + PREFIX_TOKENS
                + ", inputTokens: {value: " + PROMPT_TOKENS + "}}, output: {maxTokens: {distribution: uniform, min: "
                + MIN_OUTPUT + ", max: " + MAX_OUTPUT + "}, ignoreEos: true}}]\n"
                + "  load: {model: closed, warmup: 2s, shape: {type: search, from: 16, duration: 2s, growth: 2, "
                + "precision: 25%, maxProbes: 4}}\n"
                + "  slo: {itl: {p50: " + (int) ITL_P50_MS + "ms}}\n"
                + "  runners: {replicas: 2}\n")).create();
        Job job = cluster.awaitJob("search-runners");
        List<Worker> workers = cluster.runPods(job, cluster.plan("search-plan"));

        await().atMost(Duration.ofSeconds(120)).until(() -> status().getPhase(), LlmLoadTestStatus::isFinished);
        LlmLoadTestStatus status = status();
        assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(LlmLoadTestStatus.PHASE_SUCCEEDED);
        var search = status.getSearch();
        assertThat(search).isNotNull();
        System.out.printf("operator capacity search: %s; %s%n", status.getCapacity().summary(),
                search.explanation());

        // The bracket contains the model's capacity point (bounds as in the CLI's test).
        assertThat(search.held()).as("highest level that held").isNotNull()
                .isLessThanOrEqualTo(1.05 * modelCapacity(0));
        assertThat(search.failed()).as("lowest level that failed").isNotNull()
                .isGreaterThanOrEqualTo(0.9 * modelCapacity(PROMPT_TOKENS + 16));
        assertThat(search.converged()).isTrue();
        assertThat(search.limitMetric()).isEqualTo("ITL p50");
        assertThat(search.explanation()).startsWith("grew 16 → 32 users; 32 failed on ITL p50; bisected to 24")
                .endsWith("stopped: bracket within 25%");
        assertThat(search.stopReason()).isEqualTo("bracket within 25%");
        assertThat(status.getCapacity().summary()).startsWith("holds " + Math.round(search.held()) + "–"
                + Math.round(search.failed()) + " concurrent users at SLO");
        assertThat(status.getVerdict()).isIn("Pass", "Degraded");
        List<SearchProbeStatus> probes = search.probes();
        assertThat(probes).hasSizeBetween(3, 4);
        List<String> stages = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            assertThat(probes.get(i).stage()).isEqualTo("probe-" + (i + 1));
            stages.add(probes.get(i).stage());
        }

        // Every probe is a stage of the one run, in the status and in the report, at its total level.
        assertThat(status.getStages()).extracting(ResultSummary::name).containsAll(stages);
        JsonNode report = new ObjectMapper().readTree(new Observed(client, NS).reportJson(status));
        assertThat(report.get("capacity").get("search").get("probes")).hasSize(probes.size());
        for (SearchProbeStatus probe : probes) {
            JsonNode stage = stageNamed(report, probe.stage());
            assertThat(stage.get("level").asDouble()).isEqualTo(probe.level());
            assertThat(stage.get("requests").asLong()).isPositive();
        }

        // Runner-side: both runners ran every probe, each with half of its users, and each sent requests in it.
        for (Worker worker : workers) {
            List<ProbeState> ran = worker.probes();
            assertThat(ran).extracting(ProbeState::stage).containsExactlyElementsOf(stages);
            for (ProbeState p : ran) {
                assertThat(p.share()).as(p.stage()).isEqualTo(p.level() / 2);
                assertThat(p.done()).isTrue();
            }
        }
        assertThat(workers.get(0).probes()).extracting(ProbeState::startAtEpochMillis)
                .as("one common start time per probe")
                .containsExactlyElementsOf(workers.get(1).probes().stream().map(ProbeState::startAtEpochMillis)
                        .toList());
    }

    @Test
    void aProbeEndedByAMergedGuardrailFailsAndTheSearchGoesOn() {
        // Half the requests fail. 8 arrivals/s in all at the first probe: 2/s per runner, so a runner's 5 s window
        // holds about 10 attempts (under the minimum of 20, it never judges) while the merged window holds about 40.
        simulator = Simulator.start(SimulatorConfig.defaults().withFaults(new FaultInjection(0, 1, 0.5, 0, 0, 0)));
        cluster = new FakeCluster(client, NS);
        client.resource(Manifests.fromYaml("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n"
                + "metadata: {name: guarded, namespace: " + NS + "}\n"
                + "spec:\n"
                + "  target: {url: '" + simulator.baseUrl() + "', model: llmload-sim, metrics: {source: none}}\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {text: hello}, output: {maxTokens: {value: 8}}}]}\n"
                + "  load: {model: open, arrival: constant, warmup: 1s, shape: {type: search, from: 8, duration: 30s, "
                + "maxProbes: 2}}\n"
                + "  guardrails: {abortOnErrorRate: 10%, window: 5s}\n"
                + "  runners: {replicas: 4}\n")).create();
        Job job = cluster.awaitJob("guarded-runners");
        cluster.runPods(job, cluster.plan("guarded-plan"));

        await().atMost(Duration.ofSeconds(120)).until(() -> new Observed(client, NS).status("guarded").getPhase(),
                LlmLoadTestStatus::isFinished);
        LlmLoadTestStatus status = new Observed(client, NS).status("guarded");
        // The search ran to its end: a guardrail ends a probe, not the run.
        assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(LlmLoadTestStatus.PHASE_SUCCEEDED);
        List<SearchProbeStatus> probes = status.getSearch().probes();
        assertThat(probes).hasSize(2);
        SearchProbeStatus first = probes.get(0);
        assertThat(first.held()).isFalse();
        assertThat(first.limitMetric()).isEqualTo("aborted");
        assertThat(first.limit()).startsWith("guardrail abortOnErrorRate").endsWith("(all 4 runners merged)");
        // The search went on below it, and the 30 s probes were cut well before their end.
        assertThat(probes.get(1).level()).isEqualTo(4.0);
        assertThat(probes.get(1).phase()).isEqualTo("shrink");
        assertThat(status.getSearch().stopReason()).startsWith("probe budget used");
        assertThat(status.getStages()).filteredOn(s -> "probe-1".equals(s.name())).singleElement()
                .satisfies(s -> assertThat(s.requests()).isPositive().isLessThan(8 * 30));
        assertThat(status.getVerdict()).isEqualTo("Breach");
    }

    private static JsonNode stageNamed(JsonNode report, String name) {
        for (JsonNode stage : report.get("stages")) {
            if (stage.get("name").asText().equals(name)) {
                return stage;
            }
        }
        throw new AssertionError("no stage " + name + " in the report");
    }

    private LlmLoadTestStatus status() {
        return new Observed(client, NS).status("search");
    }
}
