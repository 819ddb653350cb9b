package io.llmload.operator.validation;

import io.llmload.operator.api.v1alpha1.HistorySpec;
import io.llmload.operator.api.v1alpha1.LlmLoadTestSpec;
import io.llmload.operator.api.v1alpha1.ReportPvcSpec;
import io.llmload.operator.api.v1alpha1.RolloutTargetSpec;
import io.llmload.operator.api.v1alpha1.TriggerSpec;
import io.llmload.operator.trigger.CronSchedule;
import io.llmload.operator.trigger.WorkloadTypes;
import io.llmload.runner.regression.RegressionChecks;
import io.llmload.runner.spec.Durations;
import io.llmload.runner.spec.RegressionSpec;
import io.llmload.runner.spec.Violation;
import java.util.ArrayList;
import java.util.List;

/** Checks of the sections that make a test re-run and judge itself: trigger, history, regression, report. */
final class GitOpsChecks {

    private GitOpsChecks() {
    }

    static List<Violation> check(LlmLoadTestSpec spec) {
        List<Violation> violations = new ArrayList<>();
        trigger(spec.getTrigger(), violations);
        violations.addAll(RegressionChecks.check("spec.regression", spec.getRegression()));
        RegressionSpec regression = spec.getRegression();
        int limit = spec.getHistory() == null ? HistorySpec.DEFAULT_LIMIT : spec.getHistory().limitOrDefault();
        if (regression != null && RegressionSpec.MEDIAN.equals(regression.baseline()) && regression.runs() != null
                && regression.runs() > limit) {
            violations.add(new Violation("spec.regression.runs", "the median of " + regression.runs()
                    + " runs needs spec.history.limit of at least " + regression.runs() + " (it is " + limit + ")"));
        }
        if (spec.getHistory() != null && spec.getHistory().getLimit() != null && (spec.getHistory().getLimit() < 1
                || spec.getHistory().getLimit() > HistorySpec.MAX_LIMIT)) {
            violations.add(new Violation("spec.history.limit", "must be between 1 and " + HistorySpec.MAX_LIMIT));
        }
        if (spec.getReport() != null && spec.getReport().getPvc() != null) {
            pvc(spec.getReport().getPvc(), violations);
        }
        return violations;
    }

    private static void trigger(TriggerSpec trigger, List<Violation> violations) {
        if (trigger == null) {
            return;
        }
        RolloutTargetSpec onRollout = trigger.getOnRollout();
        if (onRollout != null) {
            String p = "spec.trigger.onRollout";
            if (onRollout.getApiVersion() == null || onRollout.getKind() == null
                    || WorkloadTypes.find(onRollout.getApiVersion(), onRollout.getKind()).isEmpty()) {
                violations.add(new Violation(p, onRollout.getApiVersion() + " " + onRollout.getKind()
                        + " is not a workload llmload follows: use one of " + WorkloadTypes.supported()));
            }
            if (onRollout.getName() == null || onRollout.getName().isBlank()) {
                violations.add(new Violation(p + ".name", "required: the workload's name, in the test's namespace"));
            }
            if (onRollout.settleDuration().isEmpty()) {
                violations.add(new Violation(p + ".settle", "'" + onRollout.getSettle() + "' " + Durations.HINT));
            }
        }
        if (trigger.getSchedule() != null) {
            try {
                CronSchedule.parse(trigger.getSchedule(), trigger.getTimeZone());
            } catch (CronSchedule.InvalidScheduleException e) {
                violations.add(new Violation("spec.trigger." + e.field(), e.getMessage()));
            }
        } else if (trigger.getTimeZone() != null) {
            violations.add(new Violation("spec.trigger.timeZone", "applies to a schedule: set spec.trigger.schedule "
                    + "or remove it"));
        }
        if (!trigger.runsOnCreate() && onRollout == null && trigger.getSchedule() == null) {
            violations.add(new Violation("spec.trigger.onCreate", "false with neither onRollout nor schedule: the "
                    + "test would never run"));
        }
    }

    private static void pvc(ReportPvcSpec pvc, List<Violation> violations) {
        // Refused rather than accepted and ignored: the operator does not write reports to a claim yet.
        violations.add(new Violation("spec.report.pvc", "not supported yet: the operator keeps each run's report in "
                + "a ConfigMap; keep them past the test with spec.report.retainAfterDelete, or fetch one with "
                + "llmload report --cluster NAMESPACE/NAME --run ID --out DIR"));
        if (pvc.getClaimName() == null || pvc.getClaimName().isBlank()) {
            violations.add(new Violation("spec.report.pvc.claimName", "required: a PersistentVolumeClaim in the "
                    + "test's namespace"));
        }
        String path = pvc.getPath();
        if (path != null && (path.startsWith("/") || List.of(path.split("/")).contains(".."))) {
            violations.add(new Violation("spec.report.pvc.path", "must be relative to the volume, without '..'"));
        }
    }
}
