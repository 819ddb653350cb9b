package io.llmload.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.reconciler.TestLifecycle;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.llmload.runner.worker.Worker;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Invalid specs are refused with the field named; finished tests re-run only when asked to. */
@QuarkusTest
@TestProfile(LoopbackRunnersProfile.class)
@WithKubernetesTestServer(crud = true)
class OperatorSpecHandlingTest {

    private static final String NS = "specs";

    @Inject
    KubernetesClient client;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no-target   | target: {model: m}                                            | spec.target: required: set target.url or target.service",
        "bad-url     | target: {url: 'ftp://x', model: m}                            | spec.target.url: must be an http(s) URL",
        "inline-key  | target: {url: 'http://127.0.0.1:1', headers: [{name: X-Api-Key, value: k}]} | spec.target.headers[0].value: 'X-Api-Key' looks like a credential",
        "bad-stage   | target: {url: 'http://127.0.0.1:1', model: m}, stageDuration: soon | spec.load.stages[0].duration: 'soon' must be a positive duration",
        "bad-runners | target: {url: 'http://127.0.0.1:1', model: m}, replicas: 0    | spec.runners.replicas: must be between 1 and 100",
        "bad-timeout | target: {url: 'http://127.0.0.1:1', model: m}, startTimeout: x | spec.runners.startTimeout: 'x' must be a positive duration",
    })
    void invalidSpecIsRefusedWithTheFieldNamedAndNoRunners(String name, String variant, String expected) {
        client.resource(Manifests.fromYaml(invalid(name, variant))).create();

        await().atMost(Duration.ofSeconds(20)).until(() -> status(name).getPhase(),
                LlmLoadTestStatus.PHASE_FAILED::equals);
        LlmLoadTestStatus status = status(name);
        Condition valid = Observed.condition(status, "Valid");
        assertThat(valid.getStatus()).isEqualTo("False");
        assertThat(valid.getReason()).isEqualTo("InvalidSpec");
        assertThat(valid.getMessage()).contains(expected.trim());
        assertThat(status.getMessage()).startsWith("Invalid spec: ");
        assertThat(Observed.condition(status, "Completed").getStatus()).isEqualTo("True");
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName(name + "-runners").get()).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.v1().events().inNamespace(NS).list().getItems()
                .stream().anyMatch(e -> name.equals(e.getInvolvedObject().getName())
                        && "InvalidSpec".equals(e.getReason()) && "Warning".equals(e.getType())));
    }

    @Test
    void aFixedSpecIsValidatedAgainAndRuns() {
        client.resource(Manifests.fromYaml(invalid("fixed", "target: {url: 'ftp://127.0.0.1:1'}"))).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> status("fixed").getPhase(),
                LlmLoadTestStatus.PHASE_FAILED::equals);

        client.resources(LlmLoadTest.class).inNamespace(NS).withName("fixed").edit(t -> {
            t.getSpec().setTarget(new io.llmload.runner.spec.TargetSpec("http://127.0.0.1:1", null, "m", null, null,
                    null, null, null, null));
            return t;
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> status("fixed").getPhase(),
                LlmLoadTestStatus.PHASE_STARTING::equals);
        assertThat(Observed.condition(status("fixed"), "Valid").getStatus()).isEqualTo("True");
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("fixed-runners").get()).isNotNull();
    }

    @Test
    void aFinishedTestIsNotReRunBySpecEditsButIsByTheRerunAnnotation() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults());
                FakeCluster cluster = new FakeCluster(client, NS)) {
            client.resource(Manifests.chatTest("again", NS, simulator.baseUrl(), 1,
                    "  cleanup: {policy: Never}\n")).create();
            Job job = cluster.awaitJob("again-runners");
            cluster.runPods(job, cluster.plan("again-plan"));
            await().atMost(Duration.ofSeconds(30)).until(() -> status("again").getPhase(),
                    LlmLoadTestStatus.PHASE_SUCCEEDED::equals);
            String firstCompletion = status("again").getCompletionTime();
            assertThat(status("again").getPlanGeneration()).isEqualTo(1L);

            // Editing the spec of a finished test changes nothing but observedGeneration (the operator saw it) and
            // says so once.
            client.resources(LlmLoadTest.class).inNamespace(NS).withName("again").edit(t -> {
                t.getSpec().setSlo(new io.llmload.runner.spec.SloSpec(null, null, null, null, "5%", null));
                return t;
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> status("again").getObservedGeneration() == 2L);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                    LlmLoadTestStatus.PHASE_SUCCEEDED.equals(status("again").getPhase())
                            && firstCompletion.equals(status("again").getCompletionTime()));
            assertThat(status("again").getPlanGeneration()).isEqualTo(1L);
            assertThat(Observed.condition(status("again"), "Ready").getStatus()).isEqualTo("True");
            await().atMost(Duration.ofSeconds(5)).until(() -> new Observed(client, NS).eventReasons("again")
                    .contains("SpecChanged"));

            // The annotation asks for a re-run: the previous Job goes, a new one comes — and the previous run's pod,
            // still there (nothing removes it on the mock API), is not taken for one of the new run's runners.
            client.resources(LlmLoadTest.class).inNamespace(NS).withName("again").edit(t -> {
                t.getMetadata().setAnnotations(Map.of(TestLifecycle.RERUN_ANNOTATION, "1"));
                return t;
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> status("again").getPhase(),
                    LlmLoadTestStatus.PHASE_STARTING::equals);
            Job second = await().atMost(Duration.ofSeconds(10)).until(() -> cluster.awaitJob("again-runners"),
                    j -> !j.getMetadata().getUid().equals(job.getMetadata().getUid()));
            assertThat(second).isNotNull();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                    LlmLoadTestStatus.PHASE_STARTING.equals(status("again").getPhase()));
            assertThat(status("again").getRunners().ready()).isZero();
            assertThat(status("again").getRerunOf()).isEqualTo("1");
            assertThat(status("again").getCompletionTime()).isNull();
            assertThat(status("again").getPlanGeneration()).isEqualTo(2L);
            assertThat(new Observed(client, NS).eventReasons("again")).contains("Rerun");
        }
    }

    @Test
    void aRerunAnnotationPresentAtCreationRunsTheTestOnce() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults());
                FakeCluster cluster = new FakeCluster(client, NS, 20)) {
            LlmLoadTest test = Manifests.chatTest("once", NS, simulator.baseUrl(), 1, "  cleanup: {policy: Never}\n");
            test.getMetadata().setAnnotations(Map.of(TestLifecycle.RERUN_ANNOTATION, "from-git"));
            client.resource(test).create();
            Job job = cluster.awaitJob("once-runners");
            cluster.runPods(job, cluster.plan("once-plan"));
            await().atMost(Duration.ofSeconds(30)).until(() -> status("once").getPhase(),
                    LlmLoadTestStatus.PHASE_SUCCEEDED::equals);
            String completion = status("once").getCompletionTime();

            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                    LlmLoadTestStatus.PHASE_SUCCEEDED.equals(status("once").getPhase())
                            && completion.equals(status("once").getCompletionTime()));
            assertThat(status("once").getRerunOf()).isEqualTo("from-git");
            assertThat(client.batch().v1().jobs().inNamespace(NS).withName("once-runners").get().getMetadata()
                    .getUid()).isEqualTo(job.getMetadata().getUid());
            assertThat(new Observed(client, NS).eventReasons("once")).containsOnlyOnce("Created")
                    .doesNotContain("Rerun");
        }
    }

    @Test
    void aSpecEditedMidRunAppliesToTheNextRunAndThisOneIsJudgedByItsPlan() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults());
                FakeCluster cluster = new FakeCluster(client, NS, 30)) {
            client.resource(Manifests.chatTest("edited", NS, simulator.baseUrl(), 2, "")).create();
            Job job = cluster.awaitJob("edited-runners");
            List<Worker> workers = cluster.runPods(job, cluster.plan("edited-plan"));
            await().atMost(Duration.ofSeconds(20)).until(() -> status("edited").getProgress() != null);

            // Three runners and a TTFT target no server meets: neither is this run's.
            client.resources(LlmLoadTest.class).inNamespace(NS).withName("edited").edit(t -> {
                t.getSpec().getRunners().setReplicas(3);
                t.getSpec().setSlo(new io.llmload.runner.spec.SloSpec(
                        new io.llmload.runner.spec.PercentileTargets(null, null, "1ms", null), null, null, null,
                        null, null));
                return t;
            });

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> LlmLoadTestStatus.isFinished(status("edited").getPhase()));
            LlmLoadTestStatus status = status("edited");
            assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(LlmLoadTestStatus.PHASE_SUCCEEDED);
            assertThat(status.getRunners().desired()).isEqualTo(2);
            assertThat(status.getRunners().finished()).isEqualTo(2);
            assertThat(workers).hasSize(2);
            assertThat(status.getSlo()).extracting(s -> s.metric() + " " + s.target())
                    .contains("ttft p95 2s");
            assertThat(status.getVerdict()).isNotEqualTo("Breach");
            assertThat(status.getPlanGeneration()).isEqualTo(1L);
            assertThat(status.getObservedGeneration()).isEqualTo(2L);
            assertThat(Observed.condition(status, "Valid").getStatus()).isEqualTo("True");
            assertThat(events("edited", "SpecChanged")).singleElement().satisfies(message -> assertThat(message)
                    .contains("Spec generation 2 is not part of this run").contains("applies to the next run"));
        }
    }

    @Test
    void anInvalidEditMidRunIsReportedAndTheRunEndsUnderItsPlan() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults());
                FakeCluster cluster = new FakeCluster(client, NS, 40)) {
            client.resource(Manifests.chatTest("broken", NS, simulator.baseUrl(), 1, "")).create();
            Job job = cluster.awaitJob("broken-runners");
            List<Worker> workers = cluster.runPods(job, cluster.plan("broken-plan"));
            await().atMost(Duration.ofSeconds(20)).until(() -> status("broken").getProgress() != null);

            client.resources(LlmLoadTest.class).inNamespace(NS).withName("broken").edit(t -> {
                t.getSpec().getRunners().setReplicas(0);
                return t;
            });

            // Reported while the run goes on: never a finished test with load still running.
            await().atMost(Duration.ofSeconds(10)).until(() -> "False".equals(
                    Observed.condition(status("broken"), "Valid").getStatus()));
            assertThat(Observed.condition(status("broken"), "Valid").getMessage())
                    .contains("Generation 2 will not run: spec.runners.replicas: must be between 1 and 100");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> LlmLoadTestStatus.isFinished(status("broken").getPhase()));
            LlmLoadTestStatus status = status("broken");
            assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(LlmLoadTestStatus.PHASE_SUCCEEDED);
            assertThat(status.getSummary().requests()).isPositive();
            assertThat(events("broken", "SpecChanged")).singleElement()
                    .satisfies(message -> assertThat(message).contains("invalid and would not run"));
            await().atMost(Duration.ofSeconds(10)).until(() -> workers.get(0).released().isDone());
        }
    }

    private List<String> events(String name, String reason) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
                .map(io.fabric8.kubernetes.api.model.Event::getMessage).toList();
    }

    private static String invalid(String name, String variant) {
        String target = variant.contains(", stageDuration") || variant.contains(", replicas")
                || variant.contains(", startTimeout") ? variant.substring(0, variant.indexOf("}, ") + 1) : variant;
        String duration = variant.contains("stageDuration: soon") ? "soon" : "1s";
        String runners = variant.contains("replicas: 0") ? "{replicas: 0}"
                : variant.contains("startTimeout: x") ? "{replicas: 1, startTimeout: x}" : "{replicas: 1}";
        return "apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n"
                + "metadata: {name: " + name + ", namespace: " + NS + "}\n"
                + "spec:\n"
                + "  " + target.trim() + "\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {text: hi}}]}\n"
                + "  load: {model: closed, stages: [{duration: " + duration + ", users: 1}]}\n"
                + "  runners: " + runners + "\n";
    }

    private LlmLoadTestStatus status(String name) {
        return new Observed(client, NS).status(name);
    }
}
