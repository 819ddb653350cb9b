package io.llmload.runner.regression;

import io.llmload.runner.report.SloResult;
import java.util.List;

/**
 * A regression check as SLO rows of the run (report.json's and the status' {@code slo[]}): one per judged limit,
 * met when the metric stayed within it, so a regression reads like any other missed target — "ttftP95 vs baseline:
 * +10% (baseline 120.5), observed 148.7, not met". Limits that could not be judged get no row (their note is in
 * the regression section).
 */
public final class RegressionSlo {

    /** The metric prefix of these rows, e.g. {@code regression ttftP95}. */
    public static final String PREFIX = "regression ";

    private RegressionSlo() {
    }

    public static List<SloResult> rows(RegressionResult result) {
        return result.rows().stream().filter(r -> r.note() == null)
                .map(r -> new SloResult("overall", PREFIX + r.metric(), r.limit() + " vs " + number(r.baseline())
                        + " (" + result.baseline() + ")", r.baseline(), r.observed(), !r.regressed()))
                .toList();
    }

    private static String number(Double v) {
        return v == null ? "-" : Limit.number(v);
    }
}
