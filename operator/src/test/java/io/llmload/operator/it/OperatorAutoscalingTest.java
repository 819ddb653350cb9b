package io.llmload.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.llmload.operator.api.v1alpha1.AutoscalingStatus;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.it.FakeAutoscaler.Step;
import io.llmload.operator.status.Conditions;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * spec.autoscaling under the operator: while real loopback runners load the simulator, a {@link FakeAutoscaler}
 * thread plays an HPA and the Deployment controller on the mock API server (desired replicas first, Ready ones after a
 * delay), and the operator records the replica timeline from its informers, judges it with the shared analysis and
 * shows it in report.json, status.autoscaling, the verdict and Events.
 *
 * <p>The plan: {@value #BASE_SECONDS} s at 1 user, a step to 6 users for 5 s, then 1 user for 4 s — a load step at
 * {@value #BASE_SECONDS} s and a drop at 7 s. Latencies are checked against when the fake autoscaler actually acted
 * (its own record), not against its script, so a late thread on a busy machine moves both alike; the tolerance is
 * the informer's delivery plus one poll.
 */
@QuarkusTest
@TestProfile(LoopbackRunnersProfile.class)
@WithKubernetesTestServer(crud = true)
class OperatorAutoscalingTest {

    private static final String NS = "autoscaling";
    private static final int BASE_SECONDS = 2;
    private static final double DROP_SECONDS = 7;
    /** The API calls of a step, the informer's delivery and one poll; generous for a busy 2-core machine. */
    private static final double TOLERANCE_SECONDS = 2.0;

    @Inject
    KubernetesClient client;

    private Simulator simulator;
    private FakeCluster cluster;
    private FakeAutoscaler autoscaler;

    @BeforeEach
    void start() {
        simulator = Simulator.start(SimulatorConfig.defaults());
        cluster = new FakeCluster(client, NS);
        autoscaler = new FakeAutoscaler(client, NS).create(1);
    }

    @AfterEach
    void stop() throws Exception {
        autoscaler.close();
        cluster.close();
        simulator.close();
    }

    @Test
    void scaleUpAndDownLatenciesMatchWhenTheAutoscalerActed() throws Exception {
        String name = "scales";
        submit(name, "{scaleUpWithin: 30s, scaleDownWithin: 30s, minReplicas: 1, maxReplicas: 4}", 2);
        run(name, List.of(
                Step.decide("up", Duration.ofMillis(BASE_SECONDS * 1000 + 700), 3),
                Step.ready("first", Duration.ofMillis(BASE_SECONDS * 1000 + 1700), 2),
                Step.ready("all", Duration.ofMillis(BASE_SECONDS * 1000 + 2700), 3),
                Step.decide("down", Duration.ofMillis((long) (DROP_SECONDS * 1000) + 600), 1),
                Step.ready("gone", Duration.ofMillis((long) (DROP_SECONDS * 1000) + 1600), 1)));
        LlmLoadTestStatus status = finished(name);
        JsonNode report = report(status);
        double step = BASE_SECONDS;
        JsonNode up = event(report, "up");
        assertThat(up.get("from").asInt()).isEqualTo(1);
        assertThat(up.get("to").asInt()).isEqualTo(3);
        assertThat(up.get("loadChangedAtSeconds").asDouble()).isEqualTo(step, within(0.01));
        assertThat(up.get("decidedAtSeconds").asDouble()).isBetween(actedAt(report, "up") - 0.05,
                actedAt(report, "up") + TOLERANCE_SECONDS);
        assertThat(up.get("firstReadyAtSeconds").asDouble()).isBetween(actedAt(report, "first") - 0.05,
                actedAt(report, "first") + TOLERANCE_SECONDS);
        assertThat(up.get("totalSeconds").asDouble()).isBetween(actedAt(report, "all") - step - 0.05,
                actedAt(report, "all") - step + TOLERANCE_SECONDS);
        JsonNode down = event(report, "down");
        assertThat(down.get("from").asInt()).isEqualTo(3);
        assertThat(down.get("to").asInt()).isEqualTo(1);
        assertThat(down.get("loadChangedAtSeconds").asDouble()).isEqualTo(DROP_SECONDS, within(0.01));
        assertThat(down.get("totalSeconds").asDouble()).isBetween(actedAt(report, "gone") - DROP_SECONDS - 0.05,
                actedAt(report, "gone") - DROP_SECONDS + TOLERANCE_SECONDS);
        // The runners' one-second cells reached the operator: the windows are judged from their merged histograms.
        JsonNode steady = StreamSupport.stream(report.get("autoscaling").get("windows").spliterator(), false)
                .filter(w -> "steady".equals(w.get("name").asText())).findFirst().orElseThrow();
        assertThat(steady.path("results").path("requests").asLong()).isPositive();
        assertThat(sloRow(report, "scaleUpWithin").get("met").asBoolean()).isTrue();
        // The HPA's metric value rides along in the timeline.
        assertThat(StreamSupport.stream(report.get("autoscaling").get("timeline").spliterator(), false)
                .anyMatch(s -> s.path("metrics").path(FakeAutoscaler.METRIC).asDouble() == 0.9)).isTrue();
        assertThat(report.get("autoscaling").get("source").asText())
                .isEqualTo("informers on Deployment " + NS + "/vllm and HorizontalPodAutoscaler " + NS + "/vllm");

        AutoscalingStatus summary = status.getAutoscaling();
        assertThat(summary.scaleUps()).isEqualTo(1);
        assertThat(summary.scaleDowns()).isEqualTo(1);
        assertThat(summary.maxDesired()).isEqualTo(3);
        assertThat(summary.minReady()).isEqualTo(1);
        assertThat(summary.events().get(0).totalSeconds()).isEqualTo(up.get("totalSeconds").asDouble());
        assertThat(summary.expectations()).extracting(AutoscalingStatus.ExpectationStatus::metric)
                .containsExactly("scaleUpWithin", "scaleDownWithin", "minReplicas", "maxReplicas");
        assertThat(summary.expectations()).allMatch(AutoscalingStatus.ExpectationStatus::met);
        assertThat(summary.summary()).startsWith("scaled 1 → 3 replicas");
        assertThat(status.getVerdict()).isNotEqualTo("Breach");
        assertThat(report.get("verdict").asText()).isEqualTo(status.getVerdict());
        Event scaledUp = awaitEvent(name, "ScaledUp");
        assertThat(scaledUp.getType()).isEqualTo("Normal");
        assertThat(scaledUp.getMessage()).startsWith("Scaled 1 → 3 replicas");
    }

    @Test
    void aScaleUpSlowerThanExpectedIsABreachWithItsRowAndAWarning() throws Exception {
        String name = "slow";
        submit(name, "{scaleUpWithin: 1s}", 1);
        run(name, List.of(
                Step.decide("up", Duration.ofMillis(BASE_SECONDS * 1000 + 300), 2),
                Step.ready("all", Duration.ofMillis(BASE_SECONDS * 1000 + 3300), 2)));
        LlmLoadTestStatus status = finished(name);

        assertThat(status.getVerdict()).isEqualTo("Breach");
        AutoscalingStatus.ExpectationStatus row = status.getAutoscaling().expectations().get(0);
        assertThat(row.metric()).isEqualTo("scaleUpWithin");
        assertThat(row.met()).isFalse();
        double took = actedAt(report(status), "all") - BASE_SECONDS;
        assertThat(row.observed()).isBetween(took - 0.05, took + TOLERANCE_SECONDS);
        assertThat(row.detail()).startsWith("1 → 2 replicas Ready");
        assertThat(Observed.condition(status, Conditions.SLO_BREACHED).getStatus()).isEqualTo("True");
        JsonNode reportRow = sloRow(report(status), "scaleUpWithin");
        assertThat(reportRow.get("met").asBoolean()).isFalse();
        assertThat(reportRow.get("observed").asDouble()).isEqualTo(row.observed());
        Event slow = awaitEvent(name, "ScaleUpSlow");
        assertThat(slow.getType()).isEqualTo("Warning");
        assertThat(slow.getMessage()).startsWith("Scale-up took ").contains("expected within 1s");
        assertThat(awaitEvent(name, "Breached").getMessage()).contains("scaleUpWithin");
    }

    @Test
    void aWorkloadThatNeverScalesFailsItsScaleUpRowSayingSo() throws Exception {
        String name = "never";
        submit(name, "{scaleUpWithin: 5s}", 1);
        run(name, List.of());
        LlmLoadTestStatus status = finished(name);

        assertThat(status.getVerdict()).isEqualTo("Breach");
        AutoscalingStatus.ExpectationStatus row = status.getAutoscaling().expectations().get(0);
        assertThat(row.met()).isFalse();
        assertThat(row.detail()).isEqualTo("never scaled up: 1 desired, 1 Ready throughout the run");
        assertThat(status.getAutoscaling().scaleUps()).isZero();
        assertThat(status.getAutoscaling().samples()).as("a reading at every poll").isGreaterThan(5);
    }

    @Test
    void goingAboveMaxReplicasIsABreachNamingThePeak() throws Exception {
        String name = "runaway";
        submit(name, "{maxReplicas: 4}", 1);
        run(name, List.of(
                Step.decide("up", Duration.ofMillis(BASE_SECONDS * 1000 + 300), 6),
                Step.ready("all", Duration.ofMillis(BASE_SECONDS * 1000 + 1300), 6)));
        LlmLoadTestStatus status = finished(name);

        assertThat(status.getVerdict()).isEqualTo("Breach");
        AutoscalingStatus.ExpectationStatus row = status.getAutoscaling().expectations().get(0);
        assertThat(row.metric()).isEqualTo("maxReplicas");
        assertThat(row.observed()).isEqualTo(6.0);
        assertThat(row.met()).isFalse();
        assertThat(row.detail()).startsWith("peaked at 6 desired at ");
        assertThat(status.getAutoscaling().maxReady()).isEqualTo(6);
    }

    @Test
    void aMissingWorkloadOrKindIsInvalidNamingTheFieldAndTheFix() {
        client.resource(Manifests.fromYaml(manifest("nodeploy", "{maxReplicas: 4}", 1)
                .replace("name: vllm}", "name: vllm-missing}"))).create();
        assertInvalid("nodeploy", "spec.autoscaling.target.name: no Deployment 'vllm-missing' in namespace " + NS
                + ": create it before the test");

        client.resource(Manifests.fromYaml(manifest("nolws", "{maxReplicas: 4}", 1)
                .replace("{apiVersion: apps/v1, kind: Deployment, name: vllm}",
                        "{apiVersion: leaderworkerset.x-k8s.io/v1, kind: LeaderWorkerSet, name: vllm}"))).create();
        assertInvalid("nolws", "spec.autoscaling.target.kind: the cluster does not serve LeaderWorkerSet "
                + "(leaderworkerset.x-k8s.io/v1): install LeaderWorkerSet");

        client.resource(Manifests.fromYaml(manifest("elsewhere", "{maxReplicas: 4}", 1)
                .replace("kind: Deployment, name: vllm}", "kind: Deployment, name: vllm, namespace: models}")))
                .create();
        assertInvalid("elsewhere", "spec.autoscaling.target.namespace: 'models' is not the test's namespace");
    }

    private void assertInvalid(String name, String message) {
        await().atMost(Duration.ofSeconds(30)).until(() -> new Observed(client, NS).status(name).getPhase(),
                LlmLoadTestStatus.PHASE_FAILED::equals);
        LlmLoadTestStatus status = new Observed(client, NS).status(name);
        assertThat(Observed.condition(status, Conditions.VALID).getStatus()).isEqualTo("False");
        assertThat(Observed.condition(status, Conditions.VALID).getMessage()).contains(message);
    }

    private void submit(String name, String expect, int runners) {
        client.resource(Manifests.fromYaml(manifest(name, expect, runners))).create();
    }

    private String manifest(String name, String expect, int runners) {
        return "apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n"
                + "metadata: {name: " + name + ", namespace: " + NS + "}\n"
                + "spec:\n"
                + "  target: {url: '" + simulator.baseUrl() + "', model: llmload-sim, metrics: {source: none}}\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {inputTokens: {value: 32}},"
                + " output: {maxTokens: {value: 16}}}]}\n"
                + "  load: {model: closed, stages: [{name: base, duration: " + BASE_SECONDS + "s, users: 1},"
                + " {name: peak, duration: 5s, users: 6}, {name: cool, duration: 4s, users: 1}]}\n"
                + "  slo: {ttft: {p95: 2s}}\n"
                + "  autoscaling:\n"
                + "    target: {apiVersion: apps/v1, kind: Deployment, name: vllm}\n"
                + "    autoscaler: {kind: HorizontalPodAutoscaler, name: vllm}\n"
                + "    expect: " + expect + "\n"
                + "  runners: {replicas: " + runners + "}\n";
    }

    /** Runs the runners and the fake autoscaler's script from the load's start (status.startTime). */
    private void run(String name, List<Step> script) {
        Job job = cluster.awaitJob(name + "-runners");
        autoscaler.run(() -> {
            String start = new Observed(client, NS).status(name).getStartTime();
            return start == null ? null : Instant.parse(start);
        }, script);
        cluster.runPods(job, cluster.plan(name + "-plan"));
    }

    private LlmLoadTestStatus finished(String name) {
        await().atMost(Duration.ofSeconds(120)).until(() -> new Observed(client, NS).status(name).getPhase(),
                p -> LlmLoadTestStatus.PHASE_SUCCEEDED.equals(p) || LlmLoadTestStatus.PHASE_FAILED.equals(p));
        LlmLoadTestStatus status = new Observed(client, NS).status(name);
        assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(LlmLoadTestStatus.PHASE_SUCCEEDED);
        assertThat(status.getAutoscaling()).as("status.autoscaling").isNotNull();
        return status;
    }

    private JsonNode report(LlmLoadTestStatus status) throws Exception {
        return ReportFiles.mapper().readTree(new Observed(client, NS).reportJson(status));
    }

    /** When the fake autoscaler applied a step, in seconds from the run's start as the report counts them. */
    private double actedAt(JsonNode report, String label) {
        Instant acted = autoscaler.happened(label);
        assertThat(acted).as("step " + label + " applied").isNotNull();
        return Duration.between(Instant.parse(report.get("startTime").asText()), acted).toMillis() / 1000.0;
    }

    private static JsonNode event(JsonNode report, String direction) {
        return StreamSupport.stream(report.get("autoscaling").get("events").spliterator(), false)
                .filter(e -> direction.equals(e.get("direction").asText())).findFirst().orElseThrow();
    }

    private static JsonNode sloRow(JsonNode report, String metric) {
        return StreamSupport.stream(report.get("slo").spliterator(), false)
                .filter(r -> "autoscaling".equals(r.get("scope").asText()) && metric.equals(r.get("metric").asText()))
                .findFirst().orElseThrow();
    }

    /** Events follow the final status. */
    private Event awaitEvent(String name, String reason) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> client.v1().events().inNamespace(NS).list()
                .getItems().stream().filter(e -> name.equals(e.getInvolvedObject().getName())
                        && reason.equals(e.getReason())).findFirst().orElse(null), e -> e != null);
    }
}
