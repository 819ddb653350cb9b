package io.llmload.operator.history;

import io.llmload.operator.api.v1alpha1.RunRecord;
import io.llmload.runner.compare.RunFigures;
import io.llmload.runner.regression.Baseline;
import io.llmload.runner.regression.HistoryRun;
import io.llmload.runner.regression.NamedFigures;
import io.llmload.runner.regression.RegressionJudge;
import io.llmload.runner.regression.RegressionPolicy;
import io.llmload.runner.regression.RegressionResult;
import io.llmload.runner.report.Report;
import io.llmload.runner.spec.RegressionSpec;
import java.util.List;

/**
 * A finished run judged against the test's own history (spec.regression): the baseline comes from status.history's
 * figures — the same engine and limits as {@code llmload compare --fail-on}.
 */
public final class RunJudgement {

    private RunJudgement() {
    }

    /**
     * @param history earlier runs, the latest first (the judged run is not among them)
     * @return the result, or null without spec.regression
     */
    public static RegressionResult judge(RegressionSpec spec, List<RunRecord> history, Report report) {
        if (spec == null || spec.limits() == null || spec.limits().isEmpty()) {
            return null;
        }
        RegressionPolicy policy = RegressionPolicy.of(spec);
        List<HistoryRun> runs = history == null ? List.of() : history.stream()
                .map(r -> new HistoryRun(r.id(), r.passed(), NamedFigures.toFigures(r.figures(), r.capacityUnit())))
                .toList();
        return RegressionJudge.judge(policy.limits(), Baseline.select(policy, runs), RunFigures.of(report));
    }
}
