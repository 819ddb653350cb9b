package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.llmload.runner.spec.AutoscalingSpec;
import io.llmload.runner.spec.CostSpec;
import io.llmload.runner.spec.GuardrailSpec;
import io.llmload.runner.spec.LoadSpec;
import io.llmload.runner.spec.LoadTestSpec;
import io.llmload.runner.spec.PlanSpec;
import io.llmload.runner.spec.RegressionSpec;
import io.llmload.runner.spec.SloSpec;
import io.llmload.runner.spec.TargetSpec;
import io.llmload.runner.spec.WorkloadSpec;

/**
 * The custom resource's spec: the runner's sections, reused as they are so the CLI and the operator read one
 * manifest format, plus the sections only the operator acts on (runners, cleanup, trigger, history, regression,
 * report).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LlmLoadTestSpec {

    @Required
    @JsonPropertyDescription("The inference service under test.")
    private TargetSpec target;

    @Required
    @JsonPropertyDescription("What requests to send: a weighted mix of request types.")
    private WorkloadSpec workload;

    @Required
    @JsonPropertyDescription("How much load, over time: load model, warmup and stages (or a shape).")
    private LoadSpec load;

    @JsonPropertyDescription("Service-level objectives the run is judged against.")
    private SloSpec slo;

    @JsonPropertyDescription("Conditions that stop the test early.")
    private GuardrailSpec guardrails;

    @JsonPropertyDescription("Prices to compute cost per request and per 1M output tokens.")
    private CostSpec cost;

    @JsonPropertyDescription("A replica and cost plan from the capacity measured: targetRate or targetUsers, headroom, "
            + "gpusPerReplica.")
    private PlanSpec plan;

    @ValidationRule(value = "has(self.target)", message = "spec.autoscaling.target is required in a cluster: the "
            + "workload that scales, e.g. {apiVersion: apps/v1, kind: Deployment, name: vllm}")
    @JsonPropertyDescription("Watch the service scale during the run: the operator records the target workload's and "
            + "its autoscaler's replicas (informers), finds the scaling events and their latencies and judges them "
            + "against expect; spec.autoscaling.replicas is for the CLI only.")
    private AutoscalingSpec autoscaling;

    @JsonPropertyDescription("The runner pods that generate the load (operator only).")
    private RunnersSpec runners;

    @JsonPropertyDescription("What happens to runner pods and services once the test finishes (operator only).")
    private CleanupSpec cleanup;

    @JsonPropertyDescription("Run again on its own: after each completed rollout of a workload, on a schedule "
            + "(operator only).")
    private TriggerSpec trigger;

    @JsonPropertyDescription("How many runs are kept in status.history and as per-run reports (operator only).")
    private HistorySpec history;

    @JsonPropertyDescription("Judge each run against earlier ones: a metric beyond its limit makes the verdict Breach "
            + "(operator only; the limits use the syntax of llmload compare --fail-on).")
    private RegressionSpec regression;

    @JsonPropertyDescription("Where the per-run reports are kept and whether they outlive the test (operator only).")
    private ReportSpec report;

    /** The part of this spec the runner executes; the operator-only sections stay here. */
    public LoadTestSpec toRunnerSpec() {
        return new LoadTestSpec(target, workload, load, slo, guardrails, cost, autoscaling, plan);
    }

    public TargetSpec getTarget() {
        return target;
    }

    public void setTarget(TargetSpec target) {
        this.target = target;
    }

    public WorkloadSpec getWorkload() {
        return workload;
    }

    public void setWorkload(WorkloadSpec workload) {
        this.workload = workload;
    }

    public LoadSpec getLoad() {
        return load;
    }

    public void setLoad(LoadSpec load) {
        this.load = load;
    }

    public SloSpec getSlo() {
        return slo;
    }

    public void setSlo(SloSpec slo) {
        this.slo = slo;
    }

    public GuardrailSpec getGuardrails() {
        return guardrails;
    }

    public void setGuardrails(GuardrailSpec guardrails) {
        this.guardrails = guardrails;
    }

    public RunnersSpec getRunners() {
        return runners;
    }

    public void setRunners(RunnersSpec runners) {
        this.runners = runners;
    }

    public CleanupSpec getCleanup() {
        return cleanup;
    }

    public void setCleanup(CleanupSpec cleanup) {
        this.cleanup = cleanup;
    }

    public PlanSpec getPlan() {
        return plan;
    }

    public void setPlan(PlanSpec plan) {
        this.plan = plan;
    }

    public CostSpec getCost() {
        return cost;
    }

    public void setCost(CostSpec cost) {
        this.cost = cost;
    }

    public TriggerSpec getTrigger() {
        return trigger;
    }

    public void setTrigger(TriggerSpec trigger) {
        this.trigger = trigger;
    }

    public HistorySpec getHistory() {
        return history;
    }

    public void setHistory(HistorySpec history) {
        this.history = history;
    }

    public RegressionSpec getRegression() {
        return regression;
    }

    public void setRegression(RegressionSpec regression) {
        this.regression = regression;
    }

    public ReportSpec getReport() {
        return report;
    }

    public void setReport(ReportSpec report) {
        this.report = report;
    }

    public AutoscalingSpec getAutoscaling() {
        return autoscaling;
    }

    public void setAutoscaling(AutoscalingSpec autoscaling) {
        this.autoscaling = autoscaling;
    }
}
