package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The runner's view of {@code spec}. Sections only the operator acts on (runners, cleanup, trigger, history,
 * regression, report) are accepted and ignored here so one manifest runs in both places; any other unknown
 * field is an error (typos must not silently change a test).
 */
@JsonIgnoreProperties({ "runners", "cleanup", "trigger", "history", "regression", "report" })
public record LoadTestSpec(
        @JsonPropertyDescription("The inference service under test.") TargetSpec target,
        @JsonPropertyDescription("What requests to send: a weighted mix of request types.") WorkloadSpec workload,
        @JsonPropertyDescription("How much load, over time: load model, warmup and stages (or a shape).") LoadSpec load,
        @JsonPropertyDescription("Service-level objectives the run is judged against.") SloSpec slo,
        @JsonPropertyDescription("Conditions that stop the test early.") GuardrailSpec guardrails,
        @JsonPropertyDescription("Prices to compute cost per request and per 1M output tokens.") CostSpec cost,
        @JsonPropertyDescription("Watch the service scale during the run: replica timeline, scaling latencies, the "
                + "SLO while scaling, judged against expectations.") AutoscalingSpec autoscaling,
        @JsonPropertyDescription("A replica and cost plan from the capacity measured: targetRate or targetUsers, "
                + "headroom, gpusPerReplica.") PlanSpec plan) {

    @JsonCreator
    public LoadTestSpec {
    }

    /** The same spec with another target (the CLI's --target, a worker's resolved URL). */
    public LoadTestSpec withTarget(TargetSpec newTarget) {
        return new LoadTestSpec(newTarget, workload, load, slo, guardrails, cost, autoscaling, plan);
    }

    /** The same spec with another workload (datasets resolved to paths). */
    public LoadTestSpec withWorkload(WorkloadSpec newWorkload) {
        return new LoadTestSpec(target, newWorkload, load, slo, guardrails, cost, autoscaling, plan);
    }
}
