package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.llmload.runner.spec.SpecLimits;
import java.util.Map;

/**
 * One finished run in status.history: why it ran, against which revision, how it ended, its headline figures (by
 * the names regression limits use) and where its full report is.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRecord(
        @JsonPropertyDescription("Run id: its start time in UTC, yyyyMMdd-HHmmss (llmload report --cluster --run ID).")
        String id,
        @JsonPropertyDescription("What started it: created, rerun, rollout or schedule.")
        String trigger,
        @JsonPropertyDescription("The trigger in words, e.g. 'Deployment vllm revision 4 complete' or 'schedule tick "
                + "2026-01-11T03:00:00Z'.")
        String reason,
        @JsonPropertyDescription("The followed workload's revision at the start (spec.trigger.onRollout).")
        RevisionStatus revision,
        @JsonPropertyDescription("True when the workload rolled out (or began to) during the run: its figures mix "
                + "two revisions.")
        Boolean spannedRollout,
        @JsonPropertyDescription("When the load started (RFC 3339).")
        String startTime,
        @JsonPropertyDescription("When the run ended (RFC 3339).")
        String completionTime,
        @JsonPropertyDescription("Succeeded, Failed or Aborted.")
        String phase,
        @JsonPropertyDescription("Pass, Degraded or Breach (Breach also when it regressed).")
        String verdict,
        @JsonPropertyDescription("Regression outcome: Passed, Regressed or InsufficientHistory (with spec.regression).")
        String regression,
        @JsonPropertyDescription("Headline figures of the whole run by the names of spec.regression.limits: ttftP95, "
                + "itlP95, e2eP99 (ms), requestsPerSecond, outputTokensPerSecond, errorRate (fraction), capacity "
                + "(users or req/s at SLO), costPerMillionOutputTokens, and the other limit metrics.")
        @Size(max = SpecLimits.REGRESSION_LIMITS)
        Map<String, Double> figures,
        @JsonPropertyDescription("users (closed model) or req/s (open model): the unit of figures.capacity.")
        String capacityUnit,
        @JsonPropertyDescription("The ConfigMap holding this run's full report (binaryData report.json.gz).")
        String reportConfigMap) {

    public static final String TRIGGER_CREATED = "created";
    public static final String TRIGGER_RERUN = "rerun";
    public static final String TRIGGER_ROLLOUT = "rollout";
    public static final String TRIGGER_SCHEDULE = "schedule";

    /**
     * Whether a regression baseline may be taken from this run: it ran to the end with verdict Pass or Degraded and
     * did not regress itself.
     */
    public boolean passed() {
        return LlmLoadTestStatus.PHASE_SUCCEEDED.equals(phase) && ("Pass".equals(verdict) || "Degraded".equals(verdict))
                && !"Regressed".equals(regression);
    }
}
