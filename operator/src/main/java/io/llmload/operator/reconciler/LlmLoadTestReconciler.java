package io.llmload.operator.reconciler;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.dependent.Labels;
import io.llmload.operator.dependent.PlanConfigMapDependent;
import io.llmload.operator.dependent.RunnerJobDependent;
import io.llmload.operator.metrics.OperatorMetrics;
import java.util.List;
import java.util.Set;

/**
 * Thin reconciler: {@link TestLifecycle} decides the phase and what to do; the dependents say what must exist
 * (the plan ConfigMap, then the runner Job — created only when the lifecycle asks, hence explicit invocation);
 * the status is patched only when it changed, on a fresh object carrying just identity and status.
 */
@ControllerConfiguration(generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = SpecOrAnnotationsChanged.class))
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(name = "plan", type = PlanConfigMapDependent.class),
    @Dependent(name = "runners", type = RunnerJobDependent.class, dependsOn = "plan") })
public class LlmLoadTestReconciler implements Reconciler<LlmLoadTest>, Cleaner<LlmLoadTest> {

    private final TestLifecycle lifecycle;
    private final OperatorMetrics metrics;

    public LlmLoadTestReconciler(TestLifecycle lifecycle, OperatorMetrics metrics) {
        this.lifecycle = lifecycle;
        this.metrics = metrics;
    }

    @Override
    public UpdateControl<LlmLoadTest> reconcile(LlmLoadTest test, Context<LlmLoadTest> context) {
        Step step = metrics.reconcileTimer().record(() -> lifecycle.reconcile(test, context));
        UpdateControl<LlmLoadTest> control = step.status().changed()
                ? UpdateControl.patchStatus(statusOnly(test, step))
                : UpdateControl.noUpdate();
        return step.recheckAfter() == null ? control : control.rescheduleAfter(step.recheckAfter());
    }

    @Override
    public DeleteControl cleanup(LlmLoadTest test, Context<LlmLoadTest> context) {
        lifecycle.stop(test, context);
        return DeleteControl.defaultDelete();
    }

    /** Runner pods are watched so a pod becoming ready (or failing) triggers a reconcile at once. */
    @Override
    public List<EventSource<?, LlmLoadTest>> prepareEventSources(EventSourceContext<LlmLoadTest> context) {
        var pods = InformerEventSourceConfiguration.from(Pod.class, LlmLoadTest.class)
                .withLabelSelector(Labels.MANAGED_SELECTOR)
                .withSecondaryToPrimaryMapper(pod -> {
                    var labels = pod.getMetadata().getLabels();
                    String test = labels == null ? null : labels.get(Labels.TEST);
                    return test == null ? Set.of() : Set.of(new ResourceID(test, pod.getMetadata().getNamespace()));
                })
                .build();
        return List.of(new InformerEventSource<>(pods, context));
    }

    private static LlmLoadTest statusOnly(LlmLoadTest test, Step step) {
        LlmLoadTest patch = new LlmLoadTest();
        patch.setMetadata(new ObjectMetaBuilder().withName(test.getMetadata().getName())
                .withNamespace(test.getMetadata().getNamespace()).build());
        patch.setStatus(step.status().build());
        return patch;
    }
}
