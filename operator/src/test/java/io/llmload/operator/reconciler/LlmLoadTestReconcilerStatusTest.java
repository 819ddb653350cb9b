package io.llmload.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestSpec;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import org.junit.jupiter.api.Test;

/** The reconciler's decisions without an API server: what it patches, and that it writes nothing twice. */
class LlmLoadTestReconcilerStatusTest {

    private final LlmLoadTestReconciler reconciler = new LlmLoadTestReconciler();

    @Test
    void newResourceGetsAStatusOnlyPatch() {
        UpdateControl<LlmLoadTest> control = reconciler.reconcile(resource(3L, null), null);

        assertThat(control.isPatchStatus()).isTrue();
        LlmLoadTest patch = control.getResource().orElseThrow();
        assertThat(patch.getSpec()).as("the patch never carries the spec").isNull();
        assertThat(patch.getMetadata().getName()).isEqualTo("t");
        assertThat(patch.getMetadata().getNamespace()).isEqualTo("ns");
        assertThat(patch.getStatus().getPhase()).isEqualTo(LlmLoadTestStatus.PHASE_PENDING);
        assertThat(patch.getStatus().getObservedGeneration()).isEqualTo(3L);
        assertThat(patch.getStatus().getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo("Valid");
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("Accepted");
            assertThat(c.getObservedGeneration()).isEqualTo(3L);
        });
    }

    @Test
    void resourceWithAPhaseIsLeftAlone() {
        LlmLoadTest accepted = resource(3L, LlmLoadTestReconciler.pending(3L));

        UpdateControl<LlmLoadTest> control = reconciler.reconcile(accepted, null);

        assertThat(control.isNoUpdate()).isTrue();
        assertThat(control.isPatchStatus()).isFalse();
    }

    private static LlmLoadTest resource(Long generation, LlmLoadTestStatus status) {
        LlmLoadTest test = new LlmLoadTest();
        test.setMetadata(new ObjectMetaBuilder().withName("t").withNamespace("ns").withGeneration(generation)
                .withResourceVersion("7").build());
        test.setSpec(new LlmLoadTestSpec());
        test.setStatus(status);
        return test;
    }
}
