package io.llmload.operator.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.llmload.operator.api.v1alpha1.CapacityStatus;
import io.llmload.operator.api.v1alpha1.CostStatus;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.api.v1alpha1.ProgressStatus;
import io.llmload.operator.api.v1alpha1.ResultSummary;
import io.llmload.operator.api.v1alpha1.RunnerCounts;
import io.llmload.operator.api.v1alpha1.ServerStatus;
import io.llmload.operator.api.v1alpha1.SloStatus;
import io.llmload.operator.api.v1alpha1.TargetStatus;
import io.llmload.operator.api.v1alpha1.UserRequestStatus;
import io.llmload.runner.report.Report;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the next status from the current one in one place: callers state facts (phase, conditions, results),
 * {@link #build()} stamps observedGeneration, and {@link #changed()} tells whether a patch is needed at all.
 * Conditions keep their lastTransitionTime while their status does not change.
 */
public final class StatusBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LlmLoadTest test;
    private final String original;
    private final LlmLoadTestStatus status;
    private final Clock clock;
    private boolean stampGeneration = true;

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

    public StatusBuilder phase(String phase, String message) {
        status.setPhase(phase);
        status.setMessage(message);
        return this;
    }

    public StatusBuilder condition(String type, boolean value, String reason, String message) {
        String state = value ? "True" : "False";
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

    public StatusBuilder completed(String reportRef) {
        status.setCompletionTime(now());
        status.setReportRef(reportRef);
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
        status.setSummary(ResultSummary.of(report.overall(), false));
        status.setTarget(TargetStatus.of(report.run()));
        status.setStages(report.stages().stream().map(s -> ResultSummary.of(s, true)).toList());
        status.setSlo(report.slo().stream().filter(r -> r.scope().equals("overall")).map(SloStatus::of).toList());
        status.setUserRequests(report.userRequests() == null || report.userRequests().isEmpty() ? null
                : report.userRequests().stream().map(UserRequestStatus::of).toList());
        if (withVerdict) {
            status.setVerdict(report.verdict());
            status.setCapacity(CapacityStatus.of(report.capacity()));
            status.setCost(CostStatus.of(report.cost()));
            status.setServer(ServerStatus.of(report.server()));
        }
        return this;
    }

    /** Starts over for a re-run: results, progress and run conditions go; Valid and identity stay. */
    public StatusBuilder reset() {
        status.setPhase(null);
        status.setVerdict(null);
        status.setMessage(null);
        status.setStartTime(null);
        status.setCompletionTime(null);
        status.setRunners(null);
        status.setProgress(null);
        status.setSummary(null);
        status.setStages(null);
        status.setSlo(null);
        status.setUserRequests(null);
        status.setCapacity(null);
        status.setCost(null);
        status.setServer(null);
        status.setTarget(null);
        status.setReportRef(null);
        status.getConditions().removeIf(c -> !Conditions.VALID.equals(c.getType()));
        return this;
    }

    /**
     * The status describes an older generation and stays so: a finished test whose spec was edited afterwards did
     * not run the edit (observedGeneration tells which spec the results belong to).
     */
    public StatusBuilder keepObservedGeneration() {
        stampGeneration = false;
        return this;
    }

    public LlmLoadTestStatus build() {
        if (stampGeneration) {
            status.setObservedGeneration(test.getMetadata().getGeneration());
        }
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
