package io.llmload.operator.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.operator.api.v1alpha1.RegressionStatus;
import io.llmload.operator.api.v1alpha1.RunRecord;
import io.llmload.runner.regression.RegressionResult;
import io.llmload.runner.regression.RegressionSlo;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.SloResult;
import io.llmload.runner.spec.RegressionSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A run judged against status.history as the operator keeps it: figures round-trip through the history entry,
 * the baseline comes from passing runs, a regression becomes a Breach with SLO rows and status deltas.
 */
class RunJudgementTest {

    /** A: TTFT p95 200 ms, p99 400 ms, 10 req/s, 4 users at SLO. B: p95 150, p99 500, 12 req/s, 8 users. */
    private final Report a = TestReports.report("Pass", 200, 400, 10, 4);
    private final Report b = TestReports.report("Degraded", 150, 500, 12, 8);

    @Test
    void aRunIsJudgedAgainstThePreviousPassingRunOfTheHistory() {
        RunRecord first = RunRecords.of("r1", RunRecord.TRIGGER_CREATED, null, null, false, "t0", "t1", "Succeeded", a,
                null, "t-run-r1");
        assertThat(first.figures()).containsEntry("ttftP99", 400.0).containsEntry("capacity", 4.0);
        assertThat(first.capacityUnit()).isEqualTo("users");
        assertThat(first.verdict()).isEqualTo("Pass");

        RegressionSpec spec = new RegressionSpec(null, null, null, Map.of("ttftP99", "+10%", "requestsPerSecond", "-5%"));
        RegressionResult r = RunJudgement.judge(spec, List.of(first), b);

        assertThat(r.outcome()).isEqualTo(RegressionResult.Outcome.REGRESSED);
        assertThat(r.baselineRuns()).containsExactly("r1");
        RegressionStatus status = RegressionStatus.of(r);
        assertThat(status.regressed()).isTrue();
        assertThat(status.deltas()).extracting(RegressionStatus.Row::metric, RegressionStatus.Row::change,
                RegressionStatus.Row::regressed).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("ttftP99", "+25%", true),
                        org.assertj.core.groups.Tuple.tuple("requestsPerSecond", "+20%", false));

        List<SloResult> rows = RegressionSlo.rows(r);
        Report judged = b.withRegression(rows);
        assertThat(judged.verdict()).isEqualTo("Breach");
        assertThat(judged.slo()).extracting(SloResult::metric).contains("regression ttftP99",
                "regression requestsPerSecond");
        SloResult ttft = rows.stream().filter(x -> x.metric().equals("regression ttftP99")).findFirst().orElseThrow();
        assertThat(ttft.target()).isEqualTo("+10% vs 400 (the previous passing run r1)");
        assertThat(ttft.observed()).isEqualTo(500.0);
        assertThat(ttft.met()).isFalse();
    }

    @Test
    void withoutAPassingRunThereIsNothingToJudgeAgainst() {
        RunRecord breached = RunRecords.of("r1", RunRecord.TRIGGER_CREATED, null, null, false, "t0", "t1",
                "Succeeded", b.withRegression(List.of(new SloResult("overall", "x", "y", 0, 1.0, false))), null,
                "t-run-r1");
        RegressionResult r = RunJudgement.judge(new RegressionSpec(null, null, null, Map.of("ttftP95", "+10%")),
                List.of(breached), a);
        assertThat(r.outcome()).isEqualTo(RegressionResult.Outcome.INSUFFICIENT_HISTORY);
        assertThat(a.withRegression(RegressionSlo.rows(r)).verdict()).isEqualTo("Pass");
        assertThat(RunJudgement.judge(null, List.of(breached), a)).isNull();
    }

    @Test
    void aRunWithoutResultsKeepsNoFiguresAndNoReport() {
        RunRecord failed = RunRecords.of("r2", RunRecord.TRIGGER_ROLLOUT, "Deployment vllm rolled out revision 4", null,
                true, "t0", "t1", "Failed", null, null, "t-run-r2");
        assertThat(failed.figures()).isNull();
        assertThat(failed.reportConfigMap()).isNull();
        assertThat(failed.spannedRollout()).isTrue();
        assertThat(failed.passed()).isFalse();
    }
}
