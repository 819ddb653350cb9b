package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Condition;
import io.llmload.operator.status.StatusLimits;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed: lifecycle phase, verdict and headline results. Written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LlmLoadTestStatus {

    public static final String PHASE_PENDING = "Pending";
    public static final String PHASE_STARTING = "Starting";
    public static final String PHASE_RUNNING = "Running";
    public static final String PHASE_SUCCEEDED = "Succeeded";
    public static final String PHASE_FAILED = "Failed";
    public static final String PHASE_ABORTED = "Aborted";

    /** Whether a phase is one a test ends in (Succeeded, Failed, Aborted). */
    public static boolean isFinished(String phase) {
        return PHASE_SUCCEEDED.equals(phase) || PHASE_FAILED.equals(phase) || PHASE_ABORTED.equals(phase);
    }

    @JsonPropertyDescription("The latest metadata.generation the operator has seen and acted on (kstatus meaning). "
            + "Edits made while a test runs or after it ended apply to the next run: see planGeneration.")
    private Long observedGeneration;

    @JsonPropertyDescription("The metadata.generation whose spec the current (or last) run executes: its plan was "
            + "taken then, and the run is judged by it.")
    private Long planGeneration;

    @JsonPropertyDescription("Lifecycle phase: Pending, Starting, Running, Succeeded, Failed or Aborted.")
    private String phase;

    @JsonPropertyDescription("Judgement against the SLOs once results exist: Pass, Degraded or Breach.")
    private String verdict;

    @JsonPropertyDescription("Human-readable detail on the current phase.")
    private String message;

    @JsonPropertyDescription("When load generation started (RFC 3339): the start time all runners were given.")
    private String startTime;

    @JsonPropertyDescription("When the test finished (RFC 3339).")
    private String completionTime;

    @JsonPropertyDescription("Every runner must be ready by then (RFC 3339; from spec.runners.startTimeout), else the "
            + "test fails.")
    private String startDeadline;

    @JsonPropertyDescription("The run must have ended by then (RFC 3339: start + planned duration + graceful stop + "
            + "the operator's margin), else the test fails naming the runners that did not finish.")
    private String runDeadline;

    @JsonPropertyDescription("Runner pods: desired, ready, finished, failed.")
    private RunnerCounts runners;

    @JsonPropertyDescription("Live progress while running.")
    private ProgressStatus progress;

    @JsonPropertyDescription("Results of the whole run (warmup excluded); live while running, final afterwards.")
    private ResultSummary summary;

    @Size(max = StatusLimits.STAGES)
    @JsonPropertyDescription("Results per stage: the first " + StatusLimits.STAGES + " stages (all of them are in "
            + "the report ConfigMap; status.truncated says when some are not shown here).")
    private List<ResultSummary> stages;

    @Size(max = StatusLimits.SLO)
    @JsonPropertyDescription("Every SLO target against the whole run.")
    private List<SloStatus> slo;

    @Size(max = StatusLimits.USER_REQUESTS)
    @JsonPropertyDescription("Composite request types (RAG, sessions, chains): whole user requests over the run.")
    private List<UserRequestStatus> userRequests;

    @JsonPropertyDescription("Highest load at SLO, saturation stage and p95 growth pattern (final results).")
    private CapacityStatus capacity;

    @JsonPropertyDescription("A capacity search (spec.load.shape.type: search): the probes judged so far and the one "
            + "under way; at the end the bracket, the limiting metric and the sequence in words (status.capacity has "
            + "the answer as a sentence).")
    private SearchStatus search;

    @JsonPropertyDescription("Cost per request and per 1M output tokens, from spec.cost (final results).")
    private CostStatus cost;

    @JsonPropertyDescription("Name of the ConfigMap holding the full report (key report.json).")
    private String reportRef;

    @JsonPropertyDescription("The inference server's own metrics over the run: KV cache, queue, GPU, alerts (final results).")
    private ServerStatus server;

    @JsonPropertyDescription("How the target workload scaled (spec.autoscaling): replicas seen, scaling events and "
            + "their latencies, the expectations checked, the summary (final results).")
    private AutoscalingStatus autoscaling;

    @JsonPropertyDescription("Value of the llmload.io/rerun annotation this run answered.")
    private String rerunOf;

    @JsonPropertyDescription("Why the latest run started and what it measures (trigger, revision).")
    private RunOrigin run;

    @Size(max = HistorySpec.MAX_LIMIT + 1)
    @JsonPropertyDescription("Finished runs, the latest first, at most spec.history.limit (plus a pinned regression "
            + "baseline): id, trigger, revision, times, phase, verdict, headline figures, report ConfigMap.")
    private List<RunRecord> history;

    @JsonPropertyDescription("Where spec.trigger stands: what the test waits for, the revision it last measured, "
            + "a rollout settling, the next schedule tick.")
    private TriggerStatus trigger;

    @JsonPropertyDescription("The latest run against its baseline (spec.regression): outcome and one row per limit.")
    private RegressionStatus regression;

    @Size(max = StatusLimits.NOTES)
    @JsonPropertyDescription("What is left out to stay within Kubernetes' size limits: status lists showing only their "
            + "first entries (status.<field>: ...), and parts the report ConfigMap had to drop (report: ...).")
    private List<String> truncated;

    @JsonPropertyDescription("The model the runners sent (and how it was chosen) and whether TLS verification was off.")
    private TargetStatus target;

    @Size(max = 16)
    @JsonPropertyDescription("Conditions: Valid, Running, Completed, Succeeded, Ready, Stalled, SLOBreached, Aborted, "
            + "Regressed.")
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Long getPlanGeneration() {
        return planGeneration;
    }

    public void setPlanGeneration(Long planGeneration) {
        this.planGeneration = planGeneration;
    }

    public String getStartDeadline() {
        return startDeadline;
    }

    public void setStartDeadline(String startDeadline) {
        this.startDeadline = startDeadline;
    }

    public String getRunDeadline() {
        return runDeadline;
    }

    public void setRunDeadline(String runDeadline) {
        this.runDeadline = runDeadline;
    }

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public String getVerdict() {
        return verdict;
    }

    public void setVerdict(String verdict) {
        this.verdict = verdict;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    public String getCompletionTime() {
        return completionTime;
    }

    public void setCompletionTime(String completionTime) {
        this.completionTime = completionTime;
    }

    public RunnerCounts getRunners() {
        return runners;
    }

    public void setRunners(RunnerCounts runners) {
        this.runners = runners;
    }

    public ProgressStatus getProgress() {
        return progress;
    }

    public void setProgress(ProgressStatus progress) {
        this.progress = progress;
    }

    public ResultSummary getSummary() {
        return summary;
    }

    public void setSummary(ResultSummary summary) {
        this.summary = summary;
    }

    public List<ResultSummary> getStages() {
        return stages;
    }

    public void setStages(List<ResultSummary> stages) {
        this.stages = stages;
    }

    public List<SloStatus> getSlo() {
        return slo;
    }

    public void setSlo(List<SloStatus> slo) {
        this.slo = slo;
    }

    public SearchStatus getSearch() {
        return search;
    }

    public void setSearch(SearchStatus search) {
        this.search = search;
    }

    public CapacityStatus getCapacity() {
        return capacity;
    }

    public void setCapacity(CapacityStatus capacity) {
        this.capacity = capacity;
    }

    public CostStatus getCost() {
        return cost;
    }

    public void setCost(CostStatus cost) {
        this.cost = cost;
    }

    public String getReportRef() {
        return reportRef;
    }

    public void setReportRef(String reportRef) {
        this.reportRef = reportRef;
    }

    public AutoscalingStatus getAutoscaling() {
        return autoscaling;
    }

    public void setAutoscaling(AutoscalingStatus autoscaling) {
        this.autoscaling = autoscaling;
    }

    public ServerStatus getServer() {
        return server;
    }

    public void setServer(ServerStatus server) {
        this.server = server;
    }

    public List<UserRequestStatus> getUserRequests() {
        return userRequests;
    }

    public void setUserRequests(List<UserRequestStatus> userRequests) {
        this.userRequests = userRequests;
    }

    public String getRerunOf() {
        return rerunOf;
    }

    public void setRerunOf(String rerunOf) {
        this.rerunOf = rerunOf;
    }

    public List<String> getTruncated() {
        return truncated;
    }

    public void setTruncated(List<String> truncated) {
        this.truncated = truncated;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public RunOrigin getRun() {
        return run;
    }

    public void setRun(RunOrigin run) {
        this.run = run;
    }

    public List<RunRecord> getHistory() {
        return history;
    }

    public void setHistory(List<RunRecord> history) {
        this.history = history;
    }

    public TriggerStatus getTrigger() {
        return trigger;
    }

    public void setTrigger(TriggerStatus trigger) {
        this.trigger = trigger;
    }

    public RegressionStatus getRegression() {
        return regression;
    }

    public void setRegression(RegressionStatus regression) {
        this.regression = regression;
    }

    public TargetStatus getTarget() {
        return target;
    }

    public void setTarget(TargetStatus target) {
        this.target = target;
    }
}
