package io.llmload.runner.regression;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One limit judged: the metric's baseline and observed values, the change in the limit's unit, and whether it
 * crossed the limit.
 *
 * @param metric the metric's name in limits (e.g. {@code ttftP95})
 * @param unit the values' unit (ms, req/s, tok/s, fraction, cost, or users / req/s for capacity)
 * @param change observed − baseline in the limit's unit; null when it could not be computed (see note), or is
 *     infinite (a relative change from 0, shown in {@code changeText})
 * @param changeText the change as people read it, e.g. {@code +23.1%} or {@code -1 level}
 * @param limit the limit as written back, e.g. {@code +10%}
 * @param note why a limit was not judged (a metric missing on one side), else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegressionRow(String metric, String label, String unit, Double baseline, Double observed,
        Double change, String changeText, String limit, boolean regressed, String note) {
}
