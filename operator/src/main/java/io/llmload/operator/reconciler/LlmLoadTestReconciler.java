package io.llmload.operator.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
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
import io.llmload.operator.dependent.RunnerNetworkPolicyDependent;
import io.llmload.operator.dependent.RunnerTokenSecretDependent;
import io.llmload.operator.metrics.OperatorMetrics;
import java.util.List;
import java.util.Set;

/**
 * Thin reconciler: {@link TestLifecycle} decides the phase and what to do; the dependents say what must exist
 * (the plan ConfigMap, the control token Secret and the runners' NetworkPolicy, then the runner Job — created only
 * when the lifecycle asks, hence explicit invocation);
 * the status is written only when it changed.
 */
@ControllerConfiguration(generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = SpecOrAnnotationsChanged.class))
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(name = "plan", type = PlanConfigMapDependent.class),
    @Dependent(name = "token", type = RunnerTokenSecretDependent.class),
    @Dependent(name = "network-policy", type = RunnerNetworkPolicyDependent.class,
            activationCondition = RunnerNetworkPolicyDependent.Enabled.class),
    @Dependent(name = "runners", type = RunnerJobDependent.class, dependsOn = { "plan", "token" }) })
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
        if (step.status().changed()) {
            // An update with optimistic locking (a stale view fails with a conflict and is retried) whose result is
            // cached, so the next reconcile sees this status and never repeats a step such as completing the test.
            var status = step.status().build();
            PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(test, context, fresh -> {
                fresh.setStatus(status);
                return fresh;
            });
        }
        UpdateControl<LlmLoadTest> control = UpdateControl.noUpdate();
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
}
