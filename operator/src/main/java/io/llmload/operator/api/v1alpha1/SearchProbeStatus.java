package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.llmload.runner.slo.ProbeOutcome;

/** One probe of a capacity search: a stage of the run at one total level, and whether it held the SLO. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchProbeStatus(
        @JsonPropertyDescription("The probe's stage in the report: probe-1, probe-2, ...")
        String stage,
        @JsonPropertyDescription("The probe's total level, all runners together: users (closed model) or req/s (open).")
        double level,
        @JsonPropertyDescription("Why it was chosen: grow, shrink, bisect or repeat.")
        String phase,
        @JsonPropertyDescription("Whether its stage met the SLO (absent while it runs).")
        Boolean held,
        @JsonPropertyDescription("The metric that failed (e.g. 'ITL p95'), or 'aborted' (a guardrail ended the probe).")
        String limitMetric,
        @JsonPropertyDescription("The detail: observed value against its target, or the abort reason.")
        String limit,
        @JsonPropertyDescription("The common start time given to every runner (RFC 3339; the probe under way only).")
        String startTime) {

    /** Status text stays short: a guardrail's reason can quote a long message. */
    static final int MAX_TEXT = 300;

    public static SearchProbeStatus of(ProbeOutcome p) {
        return new SearchProbeStatus(p.stage(), p.level(), p.phase(), p.held(), p.limitMetric(), clip(p.limit()), null);
    }

    /** The probe under way. */
    public static SearchProbeStatus running(String stage, double level, String phase, String startTime) {
        return new SearchProbeStatus(stage, level, phase, null, null, null, startTime);
    }

    /** As the search records it (the operator rebuilds the search from these after a restart). */
    public ProbeOutcome outcome() {
        return new ProbeOutcome(stage, level, phase, Boolean.TRUE.equals(held), limitMetric, limit);
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 3) + "...";
    }
}
