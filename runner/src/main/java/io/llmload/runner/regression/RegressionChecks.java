package io.llmload.runner.regression;

import io.llmload.runner.spec.RegressionSpec;
import io.llmload.runner.spec.SpecLimits;
import io.llmload.runner.spec.Violation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Checks {@code spec.regression}: a known baseline with what it needs, and limits that parse, one per metric. */
public final class RegressionChecks {

    private RegressionChecks() {
    }

    /** @param path where the section is, e.g. {@code spec.regression} */
    public static List<Violation> check(String path, RegressionSpec spec) {
        List<Violation> violations = new ArrayList<>();
        if (spec == null) {
            return violations;
        }
        BaselineKind kind = BaselineKind.bySpecName(spec.baseline());
        if (kind == null) {
            violations.add(new Violation(path + ".baseline", "'" + spec.baseline() + "' is not a baseline: use "
                    + RegressionSpec.PREVIOUS_PASS + ", " + RegressionSpec.MEDIAN + " or " + RegressionSpec.PINNED));
        }
        if (kind == BaselineKind.PINNED && (spec.run() == null || spec.run().isBlank())) {
            violations.add(new Violation(path + ".run", "baseline: pinned needs the id of a run from status.history"));
        }
        if (kind != null && kind != BaselineKind.PINNED && spec.run() != null) {
            violations.add(new Violation(path + ".run", "a run is pinned only with baseline: pinned"));
        }
        if (kind != null && kind != BaselineKind.MEDIAN && spec.runs() != null) {
            violations.add(new Violation(path + ".runs", "runs applies to baseline: median"));
        }
        if (spec.runs() != null && (spec.runs() < 1 || spec.runs() > RegressionSpec.MAX_RUNS)) {
            violations.add(new Violation(path + ".runs", "must be between 1 and " + RegressionSpec.MAX_RUNS));
        }
        if (spec.limits() == null || spec.limits().isEmpty()) {
            violations.add(new Violation(path + ".limits", "name at least one limit, e.g. ttftP95: \"+10%\""));
            return violations;
        }
        if (spec.limits().size() > SpecLimits.REGRESSION_LIMITS) {
            violations.add(new Violation(path + ".limits", "at most " + SpecLimits.REGRESSION_LIMITS + " limits ("
                    + spec.limits().size() + " given): one per metric"));
            return violations;
        }
        Map<RegressionMetric, String> seen = new EnumMap<>(RegressionMetric.class);
        for (Map.Entry<String, String> e : spec.limits().entrySet()) {
            String field = path + ".limits." + e.getKey();
            try {
                Limit limit = LimitParser.parse(e.getKey(), e.getValue());
                String before = seen.putIfAbsent(limit.metric(), e.getKey());
                if (before != null) {
                    violations.add(new Violation(field, "limits " + limit.metric().metricName() + " again (as '"
                            + before + "'): keep one limit per metric"));
                }
            } catch (InvalidLimitException ex) {
                violations.add(new Violation(field, ex.getMessage()));
            }
        }
        return violations;
    }
}
