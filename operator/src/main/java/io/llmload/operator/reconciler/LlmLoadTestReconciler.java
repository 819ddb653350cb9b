package io.llmload.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Skeleton reconciler: accepts a new LlmLoadTest by moving it to Pending. Running the test comes later; until then
 * a resource that already has a phase is left alone, so a reconcile of an accepted resource writes nothing.
 */
public class LlmLoadTestReconciler implements Reconciler<LlmLoadTest> {

    static final String CONDITION_VALID = "Valid";
    static final String REASON_ACCEPTED = "Accepted";

    @Override
    public UpdateControl<LlmLoadTest> reconcile(LlmLoadTest resource, Context<LlmLoadTest> context) {
        LlmLoadTestStatus current = resource.getStatus();
        if (current != null && current.getPhase() != null) {
            return UpdateControl.noUpdate();
        }
        return UpdateControl.patchStatus(statusPatch(resource, pending(resource.getMetadata().getGeneration())));
    }

    static LlmLoadTestStatus pending(Long generation) {
        LlmLoadTestStatus status = new LlmLoadTestStatus();
        status.setObservedGeneration(generation);
        status.setPhase(LlmLoadTestStatus.PHASE_PENDING);
        status.setMessage("Accepted; waiting to start the runners.");
        status.setConditions(List.of(validCondition(generation)));
        return status;
    }

    private static Condition validCondition(Long generation) {
        return new ConditionBuilder()
                .withType(CONDITION_VALID)
                .withStatus("True")
                .withReason(REASON_ACCEPTED)
                .withMessage("The spec was accepted.")
                .withObservedGeneration(generation)
                .withLastTransitionTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .build();
    }

    /**
     * A fresh object carrying only identity and status: patching it cannot touch the spec or metadata the user
     * owns, whichever patch flavour JOSDK picks.
     */
    private static LlmLoadTest statusPatch(LlmLoadTest resource, LlmLoadTestStatus status) {
        ObjectMeta meta = new ObjectMetaBuilder()
                .withName(resource.getMetadata().getName())
                .withNamespace(resource.getMetadata().getNamespace())
                .build();
        LlmLoadTest patch = new LlmLoadTest();
        patch.setMetadata(meta);
        patch.setStatus(status);
        return patch;
    }
}
