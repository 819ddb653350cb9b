package io.llmload.runner.regression;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * A run judged against its baseline: the outcome, what the baseline was, one row per limit, and a sentence for
 * people (Events, conditions, the CLI).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegressionResult(Outcome outcome, String baseline, List<String> baselineRuns, List<RegressionRow> rows,
        String message) {

    /** Whether the run regressed; {@code InsufficientHistory} is a refusal to judge, not a pass. */
    public enum Outcome {
        PASSED("Passed"), REGRESSED("Regressed"), INSUFFICIENT_HISTORY("InsufficientHistory");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        @JsonValue
        public String label() {
            return label;
        }
    }

    public boolean regressed() {
        return outcome == Outcome.REGRESSED;
    }

    public List<RegressionRow> regressedRows() {
        return rows.stream().filter(RegressionRow::regressed).toList();
    }
}
