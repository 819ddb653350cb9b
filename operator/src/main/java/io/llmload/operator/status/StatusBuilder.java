package io.llmload.operator.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.llmload.operator.api.v1alpha1.AutoscalingStatus;
import io.llmload.operator.api.v1alpha1.CapacityStatus;
import io.llmload.operator.api.v1alpha1.SearchStatus;
import io.llmload.operator.api.v1alpha1.CostStatus;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.api.v1alpha1.ProgressStatus;
import io.llmload.operator.api.v1alpha1.RegressionStatus;
import io.llmload.operator.api.v1alpha1.ResultSummary;
import io.llmload.operator.api.v1alpha1.RunOrigin;
import io.llmload.operator.api.v1alpha1.RunRecord;
import io.llmload.operator.api.v1alpha1.RunnerCounts;
import io.llmload.operator.api.v1alpha1.ServerStatus;
import io.llmload.operator.api.v1alpha1.SloStatus;
import io.llmload.operator.api.v1alpha1.TargetStatus;
import io.llmload.operator.api.v1alpha1.TriggerStatus;
import io.llmload.operator.api.v1alpha1.UserRequestStatus;
import io.llmload.runner.report.Report;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the next status from the current one in one place: callers state facts (phase, conditions, results),
 * {@link #build()} stamps observedGeneration, and {@link #changed()} tells whether a write is needed at all.
 * The lifecycle conditions (Running, Completed, Succeeded, Ready, Stalled) follow from the phase, so they can never
 * contradict it. Conditions keep their lastTransitionTime while their status does not change.
 */
public final class StatusBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LlmLoadTest test;
    private final String original;
    private final LlmLoadTestStatus status;
    private final Clock clock;

    public StatusBuilder(LlmLoadTest test, Clock clock) {
        this.test = test;
        this.clock = clock;
        LlmLoadTestStatus current = test.getStatus() == null ? new LlmLoadTestStatus() : test.getStatus();
        this.original = json(current);
        this.status = copy(current);
        if (status.getConditions() == null) {
            status.setConditions(new ArrayList<>());
        }
    }

    public LlmLoadTestStatus current() {
        return status;
    }

    public String phase() {
        return status.getPhase();
    }

    /** A phase on the way (Pending, Starting, Running), with a line on where the test stands. */
    public StatusBuilder phase(String phase, String message) {
        if (LlmLoadTestStatus.isFinished(phase)) {
            return ended(phase, phase, message);
        }
        status.setPhase(phase);
        status.setMessage(message);
        boolean running = LlmLoadTestStatus.PHASE_RUNNING.equals(phase);
        String reason = phase == null ? LlmLoadTestStatus.PHASE_PENDING : phase;
        condition(Conditions.RUNNING, running, reason, running ? "The runners are generating load."
                : "The runners are not generating load yet.");
        condition(Conditions.COMPLETED, false, reason, "The test has not finished.");
        condition(Conditions.SUCCEEDED, "Unknown", reason, "The test has not finished.");
        condition(Conditions.READY, false, reason, "The test has not finished.");
        condition(Conditions.STALLED, false, reason, "Nothing has gone wrong.");
        return this;
    }

    /**
     * The test ended (Succeeded, Failed or Aborted): completion time, and conditions saying how — Completed True;
     * Succeeded and Ready True only for a run that went to the end, whatever its verdict; Stalled True when it failed
     * or was aborted.
     *
     * @param reason a CamelCase word for the conditions (e.g. RunDeadlineExceeded)
     */
    public StatusBuilder ended(String phase, String reason, String message) {
        status.setPhase(phase);
        status.setMessage(message);
        if (status.getCompletionTime() == null) {
            status.setCompletionTime(now());
        }
        status.setProgress(null);
        boolean succeeded = LlmLoadTestStatus.PHASE_SUCCEEDED.equals(phase);
        condition(Conditions.RUNNING, false, reason, message);
        condition(Conditions.COMPLETED, true, reason, message);
        condition(Conditions.SUCCEEDED, succeeded, reason, message);
        condition(Conditions.READY, succeeded, reason, message);
        condition(Conditions.STALLED, !succeeded, reason, succeeded ? "Nothing has gone wrong." : message);
        return this;
    }

    public StatusBuilder condition(String type, boolean value, String reason, String message) {
        return condition(type, value ? "True" : "False", reason, message);
    }

    /** A condition with status True, False or Unknown. */
    public StatusBuilder condition(String type, String state, String reason, String message) {
        List<Condition> conditions = status.getConditions();
        Condition existing = conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String transition = existing != null && state.equals(existing.getStatus())
                ? existing.getLastTransitionTime() : now();
        Condition next = new ConditionBuilder().withType(type).withStatus(state).withReason(reason)
                .withMessage(message).withLastTransitionTime(transition)
                .withObservedGeneration(test.getMetadata().getGeneration()).build();
        if (existing != null) {
            conditions.set(conditions.indexOf(existing), next);
        } else {
            conditions.add(next);
        }
        return this;
    }

    public boolean isTrue(String type) {
        return status.getConditions().stream().anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    public StatusBuilder runners(RunnerCounts counts) {
        status.setRunners(counts);
        return this;
    }

    public StatusBuilder progress(ProgressStatus progress) {
        status.setProgress(progress);
        return this;
    }

    public StatusBuilder startTime(Instant start) {
        status.setStartTime(start.toString());
        return this;
    }

    public StatusBuilder reportRef(String reportRef) {
        status.setReportRef(reportRef);
        return this;
    }

    /** The run's plan was taken from this generation; its runners must be ready by the start deadline. */
    public StatusBuilder planned(Long generation, Instant startDeadline) {
        status.setPlanGeneration(generation);
        status.setStartDeadline(startDeadline.toString());
        return this;
    }

    public StatusBuilder runDeadline(Instant deadline) {
        status.setRunDeadline(deadline.toString());
        return this;
    }

    /** A capacity search's probes so far and the one under way. */
    public StatusBuilder search(SearchStatus search) {
        status.setSearch(search);
        return this;
    }

    public StatusBuilder rerunOf(String token) {
        status.setRerunOf(token);
        return this;
    }

    /**
     * Results of the run so far (live) or final: summary, stages, SLO checks of the whole run; with the verdict also
     * capacity and cost, which judge the whole run and would mislead while stages are still to come.
     */
    public StatusBuilder results(Report report, boolean withVerdict) {
        List<String> notes = new ArrayList<>();
        status.setSummary(ResultSummary.of(report.overall(), false));
        status.setTarget(TargetStatus.of(report.run()));
        status.setStages(StatusLimits.cap(report.stages().stream().map(s -> ResultSummary.of(s, true)).toList(),
                StatusLimits.STAGES, "stages", notes::add));
        status.setSlo(StatusLimits.cap(report.slo().stream().filter(r -> r.scope().equals("overall"))
                .map(SloStatus::of).toList(), StatusLimits.SLO, "slo", notes::add));
        status.setUserRequests(report.userRequests() == null || report.userRequests().isEmpty() ? null
                : StatusLimits.cap(report.userRequests().stream().map(UserRequestStatus::of).toList(),
                        StatusLimits.USER_REQUESTS, "userRequests", notes::add));
        if (withVerdict) {
            status.setVerdict(report.verdict());
            status.setCapacity(CapacityStatus.of(report.capacity()));
            if (report.capacity() != null && report.capacity().search() != null) {
                status.setSearch(SearchStatus.of(report.capacity().search()));
            }
            CostStatus cost = CostStatus.of(report.cost());
            status.setCost(cost == null ? null : new CostStatus(cost.pricing(), cost.overall(),
                    StatusLimits.cap(cost.stages(), StatusLimits.STAGES, "cost.stages", notes::add)));
            ServerStatus server = ServerStatus.of(report.server());
            status.setServer(server == null ? null : server.withAlerts(
                    StatusLimits.cap(server.alerts(), StatusLimits.ALERTS, "server.alerts", notes::add)));
            AutoscalingStatus autoscaling = AutoscalingStatus.of(report.autoscaling(), report.slo());
            status.setAutoscaling(autoscaling == null ? null : autoscaling.with(
                    StatusLimits.cap(autoscaling.events(), StatusLimits.SCALING_EVENTS, "autoscaling.events",
                            notes::add),
                    StatusLimits.cap(autoscaling.expectations(), StatusLimits.SLO, "autoscaling.expectations",
                            notes::add)));
        }
        List<String> fields = withVerdict ? List.of("stages", "slo", "userRequests", "cost.stages", "server.alerts",
                "autoscaling.events", "autoscaling.expectations")
                : List.of("stages", "slo", "userRequests");
        return notes(fields.stream().map(f -> StatusLimits.LIST_NOTE + f + ":").toList(), notes);
    }

    /** The report ConfigMap had to leave these parts out to fit (none: it is whole). */
    public StatusBuilder reportDropped(List<String> dropped) {
        return notes(List.of(StatusLimits.REPORT_NOTE), dropped.isEmpty() ? List.of() : List.of(StatusLimits.REPORT_NOTE
                + "left out " + String.join(", ", dropped) + " to fit the 1 MiB ConfigMap limit; the runners' "
                + "results were complete"));
    }

    /** Replaces the status.truncated notes that start with one of {@code prefixes}. */
    private StatusBuilder notes(List<String> prefixes, List<String> replacement) {
        List<String> notes = new ArrayList<>(status.getTruncated() == null ? List.of() : status.getTruncated());
        notes.removeIf(n -> prefixes.stream().anyMatch(n::startsWith));
        notes.addAll(replacement);
        status.setTruncated(notes.isEmpty() ? null : List.copyOf(notes.subList(0,
                Math.min(notes.size(), StatusLimits.NOTES))));
        return this;
    }

    /** status.run: why this run started and what it measures. */
    public StatusBuilder run(RunOrigin origin) {
        status.setRun(origin);
        return this;
    }

    public StatusBuilder trigger(TriggerStatus trigger) {
        status.setTrigger(trigger);
        return this;
    }

    public StatusBuilder history(List<RunRecord> history) {
        status.setHistory(history == null || history.isEmpty() ? null : history);
        return this;
    }

    /** The run against its baseline: status.regression and the Regressed condition (null: not judged). */
    public StatusBuilder regression(RegressionStatus regression) {
        status.setRegression(regression);
        if (regression != null) {
            condition(Conditions.REGRESSED, regression.regressed(), regression.outcome(), regression.message());
        }
        return this;
    }

    /**
     * Starts over for a re-run: results, progress, the run's origin and regression and the run conditions go; Valid,
     * identity, history and trigger state stay.
     */
    public StatusBuilder reset() {
        status.setPhase(null);
        status.setVerdict(null);
        status.setMessage(null);
        status.setStartTime(null);
        status.setCompletionTime(null);
        status.setPlanGeneration(null);
        status.setStartDeadline(null);
        status.setRunDeadline(null);
        status.setRunners(null);
        status.setProgress(null);
        status.setSummary(null);
        status.setStages(null);
        status.setSlo(null);
        status.setUserRequests(null);
        status.setCapacity(null);
        status.setSearch(null);
        status.setCost(null);
        status.setServer(null);
        status.setAutoscaling(null);
        status.setTarget(null);
        status.setReportRef(null);
        status.setTruncated(null);
        status.setRun(null);
        status.setRegression(null);
        // History and trigger state outlive the run: they are what the next runs are decided and judged by.
        status.getConditions().removeIf(c -> !Conditions.VALID.equals(c.getType()));
        return this;
    }

    /**
     * The status with observedGeneration stamped: the operator has seen this generation and acted on it (an edit
     * during or after a run is acted on by keeping it for the next run: planGeneration tells what ran).
     */
    public LlmLoadTestStatus build() {
        status.setObservedGeneration(test.getMetadata().getGeneration());
        return status;
    }

    /** Whether the built status differs from the one the resource had. */
    public boolean changed() {
        return !json(build()).equals(original);
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String json(LlmLoadTestStatus s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LlmLoadTestStatus copy(LlmLoadTestStatus s) {
        try {
            return JSON.readValue(json(s), LlmLoadTestStatus.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
