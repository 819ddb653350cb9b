package io.llmload.runner.regression;

import io.llmload.runner.spec.RegressionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code spec.regression} read: the baseline to pick and the limits to judge against it. */
public record RegressionPolicy(BaselineKind baseline, int runs, String pinnedRun, List<Limit> limits) {

    public RegressionPolicy {
        limits = List.copyOf(limits);
    }

    /**
     * The policy of a spec that {@link RegressionChecks} accepted.
     *
     * @throws InvalidLimitException when it would not have
     */
    public static RegressionPolicy of(RegressionSpec spec) {
        BaselineKind kind = BaselineKind.bySpecName(spec.baseline());
        if (kind == null) {
            throw new InvalidLimitException("unknown baseline '" + spec.baseline() + "'");
        }
        List<Limit> limits = new ArrayList<>();
        if (spec.limits() != null) {
            for (Map.Entry<String, String> e : spec.limits().entrySet()) {
                limits.add(LimitParser.parse(e.getKey(), e.getValue()));
            }
        }
        return new RegressionPolicy(kind, spec.runs() == null ? RegressionSpec.DEFAULT_RUNS : spec.runs(), spec.run(),
                limits);
    }
}
