package io.llmload.operator.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.dependent.Labels;
import io.llmload.operator.dependent.PlanConfigMapDependent;
import io.llmload.operator.dependent.RunnerJobDependent;
import io.llmload.operator.dependent.RunnerNetworkPolicyDependent;
import io.llmload.operator.dependent.RunnerTokenSecretDependent;
import io.llmload.operator.metrics.OperatorMetrics;
import io.llmload.operator.trigger.TestTriggers;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Thin reconciler: {@link TestLifecycle} decides the phase and what to do; the dependents say what must exist
 * (the plan ConfigMap, the control token Secret and the runners' NetworkPolicy, then the runner Job — created only
 * when the lifecycle asks, hence explicit invocation). The status is written only when it changed, and what must
 * follow it (starting or releasing runners, the report, Events) runs only once it is saved. A reconcile that fails
 * leaves its mark in the status ({@link ReconcileErrors}).
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

    private static final Logger LOG = Logger.getLogger(LlmLoadTestReconciler.class);
    static final Duration AFTER_SIDE_EFFECT_FAILURE = Duration.ofSeconds(5);

    private final TestLifecycle lifecycle;
    private final ReconcileErrors errors;
    private final OperatorMetrics metrics;
    private final TestTriggers triggers;

    public LlmLoadTestReconciler(TestLifecycle lifecycle, ReconcileErrors errors, OperatorMetrics metrics,
            TestTriggers triggers) {
        this.triggers = triggers;
        this.lifecycle = lifecycle;
        this.errors = errors;
        this.metrics = metrics;
    }

    @Override
    public UpdateControl<LlmLoadTest> reconcile(LlmLoadTest test, Context<LlmLoadTest> context) {
        metrics.countTests(() -> context.getPrimaryCache().list());
        Step step = metrics.timeReconcile(() -> lifecycle.reconcile(test, context));
        if (step.status().changed()) {
            save(test, context, step.status().build());
        }
        UpdateControl<LlmLoadTest> control = UpdateControl.noUpdate();
        try {
            step.afterSave().forEach(Runnable::run);
        } catch (RuntimeException e) {
            // The status is saved: this is not the reconcile failing (its error status would describe a phase that
            // is over). The rest waits (runners keep their results); the next pass finishes it from the status.
            LOG.warnf("after saving the status of %s/%s: %s", test.getMetadata().getNamespace(),
                    test.getMetadata().getName(), ReconcileErrors.describe(e));
            return control.rescheduleAfter(AFTER_SIDE_EFFECT_FAILURE);
        }
        return step.recheckAfter() == null ? control : control.rescheduleAfter(step.recheckAfter());
    }

    @Override
    public ErrorStatusUpdateControl<LlmLoadTest> updateErrorStatus(LlmLoadTest test, Context<LlmLoadTest> context,
            Exception e) {
        return errors.handle(test, context, e);
    }

    @Override
    public DeleteControl cleanup(LlmLoadTest test, Context<LlmLoadTest> context) {
        lifecycle.stop(test, context);
        return DeleteControl.defaultDelete();
    }

    /**
     * Replaces the status (an update of the status subresource) with optimistic locking and no retry: a write based
     * on a stale copy is refused with a conflict and this reconcile fails without its side effects; it runs again on
     * the newer copy, deciding afresh. The written object is cached, so the next reconcile sees this status even
     * before the informer does (and never repeats a step such as completing the test).
     */
    private void save(LlmLoadTest test, Context<LlmLoadTest> context, LlmLoadTestStatus status) {
        try {
            PrimaryUpdateAndCacheUtils.updateAndCacheResource(test, context, fresh -> {
                fresh.setStatus(status);
                return fresh;
            }, fresh -> context.getClient().resource(fresh).updateStatus(), 0, 0, 0);
        } catch (RuntimeException e) {
            // JOSDK wraps the API's refusal (no retries asked) in an OperatorException.
            if (ReconcileErrors.apiError(e).filter(api -> api.getCode() == HttpURLConnection.HTTP_CONFLICT)
                    .isPresent()) {
                metrics.statusConflict();
            }
            throw e;
        }
    }

    /**
     * Runner pods are watched so a pod becoming ready (or failing) triggers a reconcile at once; they are mapped to
     * their test by label, and the lifecycle keeps only the current Job's. Followed workloads (spec.trigger) reach
     * their tests through an inbound event source.
     */
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
        // Workloads followed by spec.trigger.onRollout (any kind, read generically): TestTriggers runs one informer
        // per followed object and maps its events to the tests following it, which reach the reconciler here.
        SimpleInboundEventSource<LlmLoadTest> workloads = new SimpleInboundEventSource<>("followed-workloads");
        triggers.connect(workloads::propagateEvent);
        return List.of(new InformerEventSource<>(pods, context), workloads);
    }
}
