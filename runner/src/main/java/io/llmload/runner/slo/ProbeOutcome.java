package io.llmload.runner.slo;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One probe of a capacity search as report.json's {@code capacity.search.probes[]} shows it: the stage it is in the
 * report, its level, why it was chosen (grow, shrink, bisect, repeat), whether it held the SLO and, when not, the
 * metric that failed (or the guardrail that aborted it).
 *
 * @param limitMetric the metric that failed as people name it ("ITL p95"), or "aborted" (absent when it held)
 * @param limit the detail: observed value and target, or the abort reason (absent when it held)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProbeOutcome(String stage, double level, String phase, boolean held, String limitMetric,
        String limit) {
}
