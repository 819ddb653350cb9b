package io.llmload.runner.regression;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.spec.RegressionSpec;
import io.llmload.runner.spec.SpecLimits;
import io.llmload.runner.spec.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** spec.regression: each problem named by its field, all of them at once. */
class RegressionChecksTest {

    @Test
    void aValidSectionHasNoViolation() {
        assertThat(RegressionChecks.check("spec.regression", new RegressionSpec("median", 5, null,
                Map.of("ttftP95", "+10%", "capacity", "-1 level")))).isEmpty();
        assertThat(RegressionChecks.check("spec.regression", null)).isEmpty();
    }

    @Test
    void everyProblemIsNamedByItsField() {
        Map<String, String> limits = new LinkedHashMap<>();
        limits.put("ttftP95", "+10%");
        limits.put("ttft.p95", "+20%");
        limits.put("ttftP97", "+10%");
        limits.put("rps", "+5%");
        List<Violation> v = RegressionChecks.check("spec.regression", new RegressionSpec("last", 0, "r1", limits));
        assertThat(v).extracting(Violation::toString).containsExactly(
                "spec.regression.baseline: 'last' is not a baseline: use previousPass, median or pinned",
                "spec.regression.runs: must be between 1 and 50",
                "spec.regression.limits.ttft.p95: limits ttftP95 again (as 'ttftP95'): keep one limit per metric",
                "spec.regression.limits.ttftP97: unknown metric 'ttftP97' (known: " + RegressionMetric.knownNames()
                        + ")",
                "spec.regression.limits.rps: requestsPerSecond regresses when it falls: write -5% (a rise is an "
                        + "improvement)");
    }

    @Test
    void eachBaselineGetsWhatItNeedsAndNothingElse() {
        assertThat(RegressionChecks.check("r", new RegressionSpec("pinned", null, null, Map.of("ttftP95", "+1%"))))
                .extracting(Violation::toString)
                .containsExactly("r.run: baseline: pinned needs the id of a run from status.history");
        assertThat(RegressionChecks.check("r", new RegressionSpec(null, 3, "r1", Map.of("ttftP95", "+1%"))))
                .extracting(Violation::toString).containsExactly("r.run: a run is pinned only with baseline: pinned",
                        "r.runs: runs applies to baseline: median");
        assertThat(RegressionChecks.check("r", new RegressionSpec(null, null, null, Map.of())))
                .extracting(Violation::toString)
                .containsExactly("r.limits: name at least one limit, e.g. ttftP95: \"+10%\"");
    }

    @Test
    void limitsAreBoundedAsTheCrdBoundsThem() {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i <= SpecLimits.REGRESSION_LIMITS; i++) {
            many.put("metric" + i, "+1%");
        }
        assertThat(RegressionChecks.check("r", new RegressionSpec(null, null, null, many)))
                .extracting(Violation::toString)
                .containsExactly("r.limits: at most 32 limits (33 given): one per metric");
        assertThat(RegressionMetric.values().length).isLessThanOrEqualTo(SpecLimits.REGRESSION_LIMITS);
    }
}
