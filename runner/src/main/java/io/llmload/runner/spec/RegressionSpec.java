package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/**
 * {@code spec.regression} (operator): judge each run against earlier runs of the same test. Limits use the syntax
 * of {@code llmload compare --fail-on} (docs/gitops.md#regression).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegressionSpec(
        @JsonPropertyDescription("What each run is compared with: previousPass (the latest passing run, the "
                + "default), median (per metric, the median of the last 'runs' passing runs) or pinned (the run "
                + "named in 'run').") String baseline,
        @Min(1)
        @Max(MAX_RUNS)
        @JsonPropertyDescription("baseline: median — how many passing runs the median takes (default 3); with "
                + "fewer in the history the run is not judged (insufficient history).") Integer runs,
        @JsonPropertyDescription("baseline: pinned — the id of a run in status.history; it is kept in the history "
                + "while pinned.") String run,
        @JsonPropertyDescription("Per metric, how far it may move from the baseline, e.g. ttftP95: \"+10%\", "
                + "outputTokensPerSecond: \"-5%\", capacity: \"-1 level\", errorRate: \"+0.5pp\", e2eP99: \"+500ms\". "
                + "Reaching the limit is a regression; an operator (>, >=, <, <=) may be written before the change.")
        @Size(max = SpecLimits.REGRESSION_LIMITS)
        Map<String, String> limits) {

    public static final String PREVIOUS_PASS = "previousPass";
    public static final String MEDIAN = "median";
    public static final String PINNED = "pinned";
    public static final int DEFAULT_RUNS = 3;
    public static final int MAX_RUNS = 50;
}
