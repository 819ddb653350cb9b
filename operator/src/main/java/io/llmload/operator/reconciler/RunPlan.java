package io.llmload.operator.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.dependent.Labels;
import io.llmload.operator.dependent.PlanConfigMapDependent;
import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.plan.PlanResolver;
import io.llmload.runner.spec.CostSpec;
import io.llmload.runner.spec.GuardrailSpec;
import io.llmload.runner.spec.LoadSpec;
import io.llmload.runner.spec.SloSpec;
import io.llmload.runner.worker.WorkerPlan;
import java.util.Optional;

/**
 * The plan a run started with, read back from its ConfigMap: replicas, load, SLOs, guardrails and prices as they
 * were when the run was planned. A run is judged by it, whatever the spec says now — an edit applies to the next run.
 */
record RunPlan(WorkerPlan plan) {

    /** The current run's plan, from the informer cache; empty when the ConfigMap is gone (or not created yet). */
    static Optional<RunPlan> of(Context<LlmLoadTest> context) {
        return CurrentRun.configMap(context, Labels.planConfigMap(context.getPrimaryResource()))
                .map(c -> c.getData() == null ? null : c.getData().get(PlanConfigMapDependent.KEY))
                .map(json -> new RunPlan(WorkerPlan.fromJson(json)));
    }

    int replicas() {
        return plan.runners();
    }

    LoadSpec load() {
        return plan.spec().load();
    }

    SloSpec slo() {
        return plan.spec().slo();
    }

    GuardrailSpec guardrails() {
        return plan.spec().guardrails();
    }

    CostSpec cost() {
        return plan.spec().cost();
    }

    /** The resolved timeline (warmup first), for where a run is at a given time and how long it lasts. */
    LoadPlan timeline() {
        return PlanResolver.resolve(load(), 1.0);
    }
}
