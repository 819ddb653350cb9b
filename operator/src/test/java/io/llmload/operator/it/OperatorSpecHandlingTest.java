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
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
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
        "bad-runners | target: {url: 'http://127.0.0.1:1', model: m}, replicas: 0    | spec.runners.replicas: must be at least 1",
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
            long firstGeneration = status("again").getObservedGeneration();

            // Editing the spec of a finished test changes nothing.
            client.resources(LlmLoadTest.class).inNamespace(NS).withName("again").edit(t -> {
                t.getSpec().setSlo(new io.llmload.runner.spec.SloSpec(null, null, null, null, "5%", null));
                return t;
            });
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                    LlmLoadTestStatus.PHASE_SUCCEEDED.equals(status("again").getPhase())
                            && firstCompletion.equals(status("again").getCompletionTime()));
            assertThat(status("again").getObservedGeneration()).isEqualTo(firstGeneration);

            // The annotation asks for a re-run: the previous Job goes, a new one comes.
            client.resources(LlmLoadTest.class).inNamespace(NS).withName("again").edit(t -> {
                t.getMetadata().setAnnotations(Map.of(TestLifecycle.RERUN_ANNOTATION, "1"));
                return t;
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> status("again").getPhase(),
                    LlmLoadTestStatus.PHASE_STARTING::equals);
            assertThat(status("again").getRerunOf()).isEqualTo("1");
            assertThat(status("again").getCompletionTime()).isNull();
            assertThat(new Observed(client, NS).eventReasons("again")).contains("Rerun");
        }
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
