package io.llmload.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestSpec;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.runner.spec.LoadSpec;
import io.llmload.runner.spec.PromptSpec;
import io.llmload.runner.spec.RequestTypeSpec;
import io.llmload.runner.spec.StageSpec;
import io.llmload.runner.spec.TargetSpec;
import io.llmload.runner.spec.WorkloadSpec;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator, started by Quarkus against the Fabric8 mock API server (CRUD mode), accepts a new test. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class LlmLoadTestReconcilerTest {

    private static final String NAMESPACE = "llmload-test";

    @Inject
    KubernetesClient client;

    @Test
    void newTestIsAcceptedAndItsRunnersCreated() {
        client.resource(smallTest("accept-me")).create();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            LlmLoadTest current = client.resources(LlmLoadTest.class).inNamespace(NAMESPACE)
                    .withName("accept-me").get();
            LlmLoadTestStatus status = current.getStatus();
            assertThat(status).isNotNull();
            assertThat(status.getPhase()).isEqualTo(LlmLoadTestStatus.PHASE_STARTING);
            // Fabric8's CRUD mock sets generation 1 on create; an unset generation would make this pass vacuously.
            assertThat(current.getMetadata().getGeneration()).isNotNull();
            assertThat(status.getObservedGeneration()).isEqualTo(current.getMetadata().getGeneration());
            assertThat(status.getConditions())
                    .filteredOn(c -> "Valid".equals(c.getType()))
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(c.getStatus()).isEqualTo("True");
                        assertThat(c.getReason()).isEqualTo("Accepted");
                    });
        });

        // The status patch must not have touched the user's spec.
        LlmLoadTest stored = client.resources(LlmLoadTest.class).inNamespace(NAMESPACE).withName("accept-me").get();
        assertThat(stored.getSpec().getTarget().url()).isEqualTo("http://127.0.0.1:1");
        assertThat(stored.getSpec().getLoad().stages()).extracting(StageSpec::users).containsExactly(2);
    }

    @Test
    void servedCrdHasShortNameAndPrinterColumns() {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                .withName(LlmLoadTest.CRD_NAME).get();

        assertThat(crd).as("CRD applied by the extension in test mode").isNotNull();
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("llt");
        assertThat(crd.getSpec().getVersions()).singleElement().satisfies(v -> {
            assertThat(v.getName()).isEqualTo(LlmLoadTest.VERSION);
            assertThat(v.getSubresources().getStatus()).isNotNull();
            assertThat(v.getAdditionalPrinterColumns())
                    .extracting(CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath)
                    .containsExactlyInAnyOrder(
                            tuple("Phase", ".status.phase"),
                            tuple("Verdict", ".status.verdict"),
                            tuple("Progress", ".status.progress.percent"),
                            tuple("TTFT-P95", ".status.summary.ttftP95Ms"),
                            tuple("ITL-P95", ".status.summary.itlP95Ms"),
                            tuple("RPS", ".status.summary.requestsPerSecond"),
                            tuple("Errors", ".status.summary.errorRate"),
                            tuple("Age", ".metadata.creationTimestamp"));
        });
    }

    /** One chat request type, closed load with one short stage, aimed at a port nothing listens on. */
    private static LlmLoadTest smallTest(String name) {
        LlmLoadTestSpec spec = new LlmLoadTestSpec();
        spec.setTarget(new TargetSpec("http://127.0.0.1:1", null, "tiny", null, null, "5s", null, null, null));
        spec.setWorkload(new WorkloadSpec(List.of(new RequestTypeSpec(
                "chat", 1.0, "chat", true, new PromptSpec("Hello", null, null), null, null, null, null, null)), 1L));
        spec.setLoad(new LoadSpec("closed", null, null, null, null,
                List.of(new StageSpec("only", "10s", 2, null, null)), null));

        LlmLoadTest test = new LlmLoadTest();
        test.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        test.setSpec(spec);
        return test;
    }
}
