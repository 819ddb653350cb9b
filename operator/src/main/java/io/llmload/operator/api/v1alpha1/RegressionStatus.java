package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.llmload.runner.regression.RegressionResult;
import io.llmload.runner.regression.RegressionRow;
import io.llmload.runner.spec.RegressionSpec;
import java.util.List;

/** status.regression: the latest run against its baseline, limit by limit (spec.regression). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegressionStatus(
        @JsonPropertyDescription("Passed, Regressed, or InsufficientHistory (too few earlier runs: not judged).")
        String outcome,
        @JsonPropertyDescription("What the run was compared with, e.g. 'the median of the last 3 passing runs'.")
        String baseline,
        @Size(max = RegressionSpec.MAX_RUNS)
        @JsonPropertyDescription("Ids of the runs the baseline comes from.")
        List<String> baselineRuns,
        @JsonPropertyDescription("The outcome in words: which metrics moved how much, or why the run was not judged.")
        String message,
        @Size(max = MAX_ROWS)
        @JsonPropertyDescription("One row per limit.")
        List<Row> deltas) {

    static final int MAX_ROWS = 16;

    /** One limit judged. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(
            @JsonPropertyDescription("Metric name as in spec.regression.limits, e.g. ttftP95.") String metric,
            @JsonPropertyDescription("The baseline's value.") Double baseline,
            @JsonPropertyDescription("This run's value.") Double observed,
            @JsonPropertyDescription("Unit of both values: ms, req/s, tok/s, fraction, cost, users or req/s.")
            String unit,
            @JsonPropertyDescription("The change in the limit's unit, e.g. +23.4% or -1 level.") String change,
            @JsonPropertyDescription("The limit, e.g. +10%.") String limit,
            @JsonPropertyDescription("Whether the change reached the limit.") Boolean regressed,
            @JsonPropertyDescription("Why the limit was not judged (a metric one run lacks).") String note) {
    }

    public static RegressionStatus of(RegressionResult r) {
        List<Row> rows = r.rows().stream().limit(MAX_ROWS).map(RegressionStatus::row).toList();
        return new RegressionStatus(r.outcome().label(), r.baseline(), r.baselineRuns().isEmpty() ? null
                : r.baselineRuns(), r.message(), rows.isEmpty() ? null : rows);
    }

    private static Row row(RegressionRow x) {
        return new Row(x.metric(), x.baseline(), x.observed(), x.unit(), x.changeText(), x.limit(), x.regressed(),
                x.note());
    }

    public boolean regressed() {
        return RegressionResult.Outcome.REGRESSED.label().equals(outcome);
    }
}
