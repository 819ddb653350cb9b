package io.llmload.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.config.OperatorConfig;
import java.util.Map;

/**
 * The plan ConfigMap ({@code <test>-plan}, key {@code plan.json}) the runner pods mount. Created once per run and
 * never updated: runners read it at start, and the operator judges the run by it (a spec edited mid-run applies to
 * the next run). It carries the runners' start deadline.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class PlanConfigMapDependent extends KubernetesDependentResource<ConfigMap, LlmLoadTest>
        implements Creator<ConfigMap, LlmLoadTest>, GarbageCollected<LlmLoadTest> {

    public static final String KEY = "plan.json";

    public PlanConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(LlmLoadTest test, Context<LlmLoadTest> context) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(Labels.planConfigMap(test))
                .withNamespace(test.getMetadata().getNamespace())
                .withLabels(Labels.of(test))
                .endMetadata()
                .withData(Map.of(KEY, WorkerPlans.of(test, OperatorConfig.current())
                        .withStartDeadline(PlannedRun.from(context).runnerStartDeadlineEpochMillis()).toJson()))
                .build();
    }

    /** Which cached ConfigMap is this one (the report ConfigMap shares the label), without building the plan. */
    @Override
    protected ResourceID targetSecondaryResourceID(LlmLoadTest test, Context<LlmLoadTest> context) {
        return new ResourceID(Labels.planConfigMap(test), test.getMetadata().getNamespace());
    }
}
