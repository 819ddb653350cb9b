package io.llmload.operator.history;

import io.llmload.operator.api.v1alpha1.RevisionStatus;
import io.llmload.operator.api.v1alpha1.RunRecord;
import io.llmload.runner.compare.RunFigures;
import io.llmload.runner.regression.NamedFigures;
import io.llmload.runner.regression.RegressionResult;
import io.llmload.runner.report.Report;

/** The history entry of a run that just ended. */
public final class RunRecords {

    private RunRecords() {
    }

    /**
     * @param report the run's report (null: it ended without results)
     * @param regression its regression check, or null
     */
    public static RunRecord of(String id, String trigger, String reason, RevisionStatus revision,
            boolean spannedRollout, String startTime, String completionTime, String phase, Report report,
            RegressionResult regression, String reportConfigMap) {
        RunFigures figures = report == null ? null : RunFigures.of(report);
        return new RunRecord(id, trigger, reason, revision, spannedRollout ? Boolean.TRUE : null, startTime,
                completionTime, phase, report == null ? null : report.verdict(),
                regression == null ? null : regression.outcome().label(),
                figures == null ? null : NamedFigures.of(figures), figures == null ? null : figures.levelUnit(),
                report == null ? null : reportConfigMap);
    }
}
