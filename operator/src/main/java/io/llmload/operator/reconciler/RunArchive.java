package io.llmload.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.llmload.operator.api.v1alpha1.HistorySpec;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.api.v1alpha1.RegressionStatus;
import io.llmload.operator.api.v1alpha1.RunOrigin;
import io.llmload.operator.api.v1alpha1.RunRecord;
import io.llmload.operator.dependent.ReportConfigMap;
import io.llmload.operator.events.EventRecorder;
import io.llmload.operator.history.RunHistory;
import io.llmload.operator.history.RunIds;
import io.llmload.operator.history.RunJudgement;
import io.llmload.operator.history.RunRecords;
import io.llmload.operator.status.StatusBuilder;
import io.llmload.runner.regression.RegressionResult;
import io.llmload.runner.regression.RegressionSlo;
import io.llmload.runner.report.Report;
import io.llmload.runner.spec.RegressionSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A finished run kept with the test's earlier ones: judged against them (spec.regression), recorded in
 * status.history (bounded by spec.history.limit, the pinned baseline kept), and — once that status is saved — its
 * report written to a ConfigMap of its own and the reports of pruned runs deleted. {@link Finisher} calls it for
 * every run that ends.
 */
@ApplicationScoped
class RunArchive {

    private final ReportConfigMap reports;
    private final EventRecorder events;
    private final Clock clock = Clock.systemUTC();

    RunArchive(ReportConfigMap reports, EventRecorder events) {
        this.reports = reports;
        this.events = events;
    }

    /** A run's id and its report judged against the history (a regression makes the verdict Breach). */
    record Judged(String runId, Report report, RegressionResult regression) {
    }

    /** What is left to do once the final status is saved. */
    record Archived(String runId, Report report, ReportConfigMap.Packed packed, RegressionResult regression,
            List<String> prunedReports) {
    }

    /** Before the final status: the run's id and its report with the regression rows (null report: no results). */
    Judged judge(LlmLoadTest test, LlmLoadTestStatus status, Report report) {
        Instant start = status.getStartTime() != null ? Instant.parse(status.getStartTime()) : Instant.now(clock);
        String runId = RunIds.of(start);
        if (report == null) {
            return new Judged(runId, null, null);
        }
        List<RunRecord> earlier = status.getHistory() == null ? List.of() : status.getHistory().stream()
                .filter(r -> !Objects.equals(r.id(), runId)).toList();
        RegressionResult regression = RunJudgement.judge(test.getSpec().getRegression(), earlier, report);
        Report judged = regression == null ? report : report.withRegression(RegressionSlo.rows(regression));
        return new Judged(runId, judged, regression);
    }

    /** Name of the run's report ConfigMap (status.reportRef and its history entry). */
    static String reportConfigMap(LlmLoadTest test, Judged run) {
        return RunIds.reportConfigMap(test.getMetadata().getName(), run.runId());
    }

    /** Into the final status, once phase and completion time are set: status.history and status.regression. */
    Archived record(LlmLoadTest test, StatusBuilder status, Judged run, ReportConfigMap.Packed packed) {
        LlmLoadTestStatus s = status.current();
        RunOrigin origin = s.getRun() != null ? s.getRun()
                : new RunOrigin(RunRecord.TRIGGER_CREATED, "created", null, null);
        RunRecord record = RunRecords.of(run.runId(), origin.trigger(), origin.reason(), origin.revision(),
                origin.spanned(), s.getStartTime(), s.getCompletionTime(), s.getPhase(), run.report(),
                run.regression(), reportConfigMap(test, run));
        int limit = test.getSpec().getHistory() == null ? HistorySpec.DEFAULT_LIMIT
                : test.getSpec().getHistory().limitOrDefault();
        RunHistory.Pruned history = RunHistory.add(s.getHistory(), record, limit, pinned(test));
        status.history(history.kept())
                .regression(run.regression() == null ? null : RegressionStatus.of(run.regression()));
        List<String> pruned = history.removed().stream().map(RunRecord::reportConfigMap).filter(Objects::nonNull)
                .toList();
        return new Archived(run.runId(), run.report(), packed, run.regression(), pruned);
    }

    /** After the final status is saved: the run's report, the pruned runs' reports gone, a regression said. */
    void store(KubernetesClient client, LlmLoadTest test, Archived run) {
        if (run.regression() != null && run.regression().regressed()) {
            events.warning(client, test, "Regressed", "Run " + run.runId() + " regressed against "
                    + run.regression().baseline() + ": " + run.regression().message());
        }
        if (run.packed() != null) {
            reports.save(client, test, run.runId(), run.packed());
        }
        reports.delete(client, test, run.prunedReports());
    }

    /**
     * Writes the report of the run {@code status} describes again (an operator stopped between the final status and
     * the report), judged as it was the first time: the status's history holds the same earlier runs.
     */
    void storeReport(KubernetesClient client, LlmLoadTest test, LlmLoadTestStatus status, Report report) {
        Judged run = judge(test, status, report);
        reports.save(client, test, run.runId(), ReportConfigMap.pack(run.report()));
    }

    private static String pinned(LlmLoadTest test) {
        RegressionSpec regression = test.getSpec().getRegression();
        return regression != null && RegressionSpec.PINNED.equals(regression.baseline()) ? regression.run() : null;
    }
}
