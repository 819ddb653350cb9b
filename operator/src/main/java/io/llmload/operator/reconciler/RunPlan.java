package io.llmload.operator.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.dependent.Labels;
import io.llmload.operator.dependent.PlanConfigMapDependent;
import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.engine.Target;
import io.llmload.runner.plan.PlanResolver;
import io.llmload.runner.plan.SearchPlan;
import io.llmload.runner.spec.AutoscalingSpec;
import io.llmload.runner.spec.CostSpec;
import io.llmload.runner.spec.PlanSpec;
import io.llmload.runner.spec.GuardrailSpec;
import io.llmload.runner.spec.LoadSpec;
import io.llmload.runner.spec.SloSpec;
import io.llmload.runner.worker.WorkerPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The plan a run started with, read back from its ConfigMap: replicas, load, SLOs, guardrails and prices as they
 * were when the run was planned. A run is judged by it, whatever the spec says now — an edit applies to the next run.
 */
final class RunPlan {

    /**
     * Parsed plans by ConfigMap UID and resourceVersion: reading and checking a plan costs milliseconds at every
     * poll of every test, and a given version of a ConfigMap never changes. Only a cache (derived, bounded).
     */
    private static final Map<String, RunPlan> PARSED = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RunPlan> eldest) {
            return size() > 256;
        }
    };

    private final WorkerPlan plan;
    private final LoadPlan timeline;
    private final SearchPlan search;

    private RunPlan(WorkerPlan plan) {
        this.plan = plan;
        // Resolved as the runners resolve it (EngineSetup): the graceful stop defaults to the request timeout.
        this.timeline = PlanResolver.resolve(plan.spec().load(), requestTimeout(), 1.0);
        // As the runners resolve it (ProbeSequence): the same probes, the same budget.
        this.search = SearchPlan.isSearch(plan.spec().load())
                ? SearchPlan.of(plan.spec().load(), requestTimeout(), 1.0) : null;
    }

    /**
     * The current run's plan, from the informer cache, else from the API server: the cache may not have seen the
     * plan created a moment ago (a busy operator, a new leader, a re-list), and a missing plan fails the run. Empty
     * when the ConfigMap is gone (or not created yet).
     */
    static Optional<RunPlan> of(Context<LlmLoadTest> context) {
        return CurrentRun.configMapOrFetch(context, Labels.planConfigMap(context.getPrimaryResource()))
                .filter(c -> c.getData() != null && c.getData().get(PlanConfigMapDependent.KEY) != null)
                .map(RunPlan::parsed);
    }

    /** A plan as read (tests). */
    static RunPlan of(WorkerPlan plan) {
        return new RunPlan(plan);
    }

    private static RunPlan parsed(ConfigMap configMap) {
        String version = configMap.getMetadata().getUid() + "/" + configMap.getMetadata().getResourceVersion();
        synchronized (PARSED) {
            RunPlan known = PARSED.get(version);
            if (known != null) {
                return known;
            }
        }
        RunPlan plan = new RunPlan(WorkerPlan.fromJson(configMap.getData().get(PlanConfigMapDependent.KEY)));
        synchronized (PARSED) {
            PARSED.put(version, plan);
        }
        return plan;
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

    /** spec.plan as the run started with it: the replicas and cost to compute from its capacity. */
    PlanSpec replicaPlan() {
        return plan.spec().plan();
    }

    /** spec.autoscaling as planned; null without it. */
    AutoscalingSpec autoscaling() {
        return plan.spec().autoscaling();
    }

    /** The target's per-request timeout: the graceful stop when the load sets none. */
    java.time.Duration requestTimeout() {
        return Target.timeout(plan.spec().target());
    }

    /** A capacity search's settings; null when the load is not a search. */
    SearchPlan search() {
        return search;
    }

    /** The resolved timeline (warmup first), for where a run is at a given time and how long it lasts. */
    LoadPlan timeline() {
        return timeline;
    }
}
