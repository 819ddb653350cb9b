package io.llmload.runner.regression;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.compare.KnownReports;
import io.llmload.runner.compare.RunFigures;
import io.llmload.runner.spec.RegressionSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Known figures in, known deltas and outcomes out: the engine behind spec.regression and compare --fail-on. */
class RegressionJudgeTest {

    private static final List<Double> LADDER = List.of(4.0, 8.0, 16.0, 32.0);

    @Test
    void knownReportsGiveTheComparisonsDeltasInEachUnit() {
        RunFigures a = RunFigures.of(KnownReports.a());
        RunFigures b = RunFigures.of(KnownReports.b());
        assertThat(a.value("ttftP95Ms")).isEqualTo(200.0);
        assertThat(a.value(RunFigures.CAPACITY)).isEqualTo(4.0);
        assertThat(a.levels()).containsExactly(4.0, 8.0, 16.0);
        assertThat(a.levelUnit()).isEqualTo("users");
        assertThat(a.values()).doesNotContainKeys("requests", "level", "prefixCacheHitRate");

        RegressionResult r = RegressionJudge.judge(LimitParser.parseList(
                "ttft.p95>+10%,ttft.p99>+10%,rps<-5%,errorRate>+0.5pp,e2e.p95:+100ms,cost:+1%,capacity:-1level"),
                Baseline.of("report A", List.of("a"), a), b);

        assertRow(r, "ttftP95", 200.0, 150.0, -25.0, "-25%", false);
        assertRow(r, "ttftP99", 400.0, 500.0, 25.0, "+25%", true);
        assertRow(r, "requestsPerSecond", 10.0, 12.0, 20.0, "+20%", false);
        assertRow(r, "errorRate", 0.01, 0.02, 1.0, "+1pp", true);
        assertRow(r, "e2eP95", 2000.0, 1800.0, -200.0, "-200ms", false);
        assertRow(r, "costPerMillionOutputTokens", 10.0, 8.0, -20.0, "-20%", false);
        // 4 users reaches one level of B's ladder (4, 8), 8 users two: one level up.
        assertRow(r, "capacity", 4.0, 8.0, 1.0, "+1 level", false);
        assertThat(r.outcome()).isEqualTo(RegressionResult.Outcome.REGRESSED);
        assertThat(r.message()).isEqualTo("TTFT p99 +25% (limit >+10%), error rate +1pp (limit >+0.5pp) against "
                + "report A");
        assertThat(r.baselineRuns()).containsExactly("a");
    }

    @Test
    void aCapacityOneLevelLowerOnTheLadderRegressesAtMinusOneLevel() {
        RunFigures before = figures(Map.of("capacity", 16.0));
        RunFigures after = new RunFigures(Map.of("capacity", 8.0), "users", LADDER);
        RegressionResult r = RegressionJudge.judge(List.of(LimitParser.parse("capacity", "-1 level")),
                Baseline.of("the previous passing run r1", List.of("r1"), before), after);
        assertRow(r, "capacity", 16.0, 8.0, -1.0, "-1 level", true);
        // No stage at SLO is below the whole ladder: two levels down from 8 users.
        RunFigures none = new RunFigures(Map.of("capacity", 0.0), "users", LADDER);
        RegressionResult worse = RegressionJudge.judge(List.of(LimitParser.parse("capacity", "-1 level")),
                Baseline.of("x", List.of("r1"), after), none);
        assertRow(worse, "capacity", 8.0, 0.0, -2.0, "-2 levels", true);
    }

    @Test
    void aMetricOneSideLacksIsShownNotJudged() {
        RunFigures withTtft = figures(Map.of("ttftP95Ms", 100.0));
        RunFigures without = figures(Map.of("requestsPerSecond", 5.0));
        RegressionResult r = RegressionJudge.judge(List.of(LimitParser.parse("ttftP95", "+10%")),
                Baseline.of("x", List.of(), withTtft), without);
        RegressionRow row = r.rows().get(0);
        assertThat(row.regressed()).isFalse();
        assertThat(row.note()).isEqualTo("not measured in this run");
        assertThat(r.outcome()).isEqualTo(RegressionResult.Outcome.PASSED);
    }

    @Test
    void aRelativeRiseFromZeroIsInfiniteAndRegresses() {
        RegressionResult r = RegressionJudge.judge(List.of(LimitParser.parse("errorRate", "+50%")),
                Baseline.of("x", List.of(), figures(Map.of("errorRate", 0.0))), figures(Map.of("errorRate", 0.001)));
        RegressionRow row = r.rows().get(0);
        assertThat(row.change()).isNull();
        assertThat(row.changeText()).isEqualTo("up from 0");
        assertThat(row.regressed()).isTrue();
    }

    @Test
    void previousPassSkipsRunsThatDidNotPass() {
        List<HistoryRun> history = List.of(run("r4", false, 900), run("r3", true, 110), run("r2", true, 100));
        Baseline b = Baseline.select(policy(RegressionSpec.PREVIOUS_PASS, null, null), history);
        assertThat(b.runIds()).containsExactly("r3");
        assertThat(b.description()).isEqualTo("the previous passing run r3");
        assertThat(b.figures().value("ttftP95Ms")).isEqualTo(110.0);
    }

    @Test
    void theMedianOfTheLastKPassingRunsIsTheBaselinePerMetric() {
        List<HistoryRun> history = List.of(run("r6", true, 300), run("r5", false, 5000), run("r4", true, 100),
                run("r3", true, 120), run("r2", true, 110), run("r1", true, 90));
        Baseline odd = Baseline.select(policy(RegressionSpec.MEDIAN, 3, null), history);
        assertThat(odd.runIds()).containsExactly("r6", "r4", "r3");
        assertThat(odd.figures().value("ttftP95Ms")).isEqualTo(120.0);
        Baseline even = Baseline.select(policy(RegressionSpec.MEDIAN, 4, null), history);
        assertThat(even.figures().value("ttftP95Ms")).isEqualTo(115.0);

        // A run 10 % above that median regresses at +10%, one just below does not.
        Limit limit = LimitParser.parse("ttftP95", "+10%");
        assertThat(RegressionJudge.judge(List.of(limit), odd, figures(Map.of("ttftP95Ms", 132.0))).regressed())
                .isTrue();
        assertThat(RegressionJudge.judge(List.of(limit), odd, figures(Map.of("ttftP95Ms", 131.9))).regressed())
                .isFalse();
    }

    @Test
    void tooFewPassingRunsIsInsufficientHistoryNotAPass() {
        List<HistoryRun> history = List.of(run("r2", true, 100), run("r1", false, 100));
        RegressionResult r = RegressionJudge.judge(List.of(LimitParser.parse("ttftP95", "+10%")),
                Baseline.select(policy(RegressionSpec.MEDIAN, 3, null), history), figures(Map.of("ttftP95Ms", 900.0)));
        assertThat(r.outcome()).isEqualTo(RegressionResult.Outcome.INSUFFICIENT_HISTORY);
        assertThat(r.regressed()).isFalse();
        assertThat(r.rows()).isEmpty();
        assertThat(r.message()).isEqualTo("not judged for regression: 1 passing run in the history, the median "
                + "needs 3");
        assertThat(Baseline.select(policy(RegressionSpec.PREVIOUS_PASS, null, null), List.of()).insufficientHistory())
                .isEqualTo("no passing run in the history yet");
    }

    @Test
    void aPinnedRunIsTheBaselineWhetherOrNotItWasTheLatest() {
        List<HistoryRun> history = List.of(run("r3", true, 300), run("r2", false, 200), run("r1", true, 100));
        Baseline pinned = Baseline.select(policy(RegressionSpec.PINNED, null, "r2"), history);
        assertThat(pinned.runIds()).containsExactly("r2");
        assertThat(pinned.figures().value("ttftP95Ms")).isEqualTo(200.0);
        assertThat(Baseline.select(policy(RegressionSpec.PINNED, null, "r0"), history).insufficientHistory())
                .isEqualTo("the pinned run r0 is not in the history");
    }

    @Test
    void aTwentyPercentSlowerRunRegressesAgainstTheSpecLimits() {
        RegressionPolicy policy = RegressionPolicy.of(new RegressionSpec(null, null, null,
                Map.of("ttftP95", "+10%", "outputTokensPerSecond", "-5%")));
        RunFigures before = figures(Map.of("ttftP95Ms", 100.0, "outputTokensPerSecond", 1000.0));
        RunFigures after = figures(Map.of("ttftP95Ms", 120.0, "outputTokensPerSecond", 1000 / 1.2));
        RegressionResult r = RegressionJudge.judge(policy.limits(), Baseline.select(policy,
                List.of(new HistoryRun("r1", true, before))), after);
        assertRow(r, "ttftP95", 100.0, 120.0, 20.0, "+20%", true);
        assertRow(r, "outputTokensPerSecond", 1000.0, 1000 / 1.2, -16.667, "-16.7%", true);
    }

    @Test
    void figuresKeptUnderLimitNamesComeBackAsTheSameBaseline() {
        RunFigures a = RunFigures.of(KnownReports.a());
        Map<String, Double> named = NamedFigures.of(a);
        assertThat(named).containsEntry("ttftP95", 200.0).containsEntry("requestsPerSecond", 10.0)
                .containsEntry("capacity", 4.0).containsEntry("costPerMillionOutputTokens", 10.0)
                .doesNotContainKey("ttftP95Ms");
        RunFigures back = NamedFigures.toFigures(named, a.levelUnit());
        assertThat(back.values()).isEqualTo(a.values());
        assertThat(back.levelUnit()).isEqualTo("users");
    }

    private static void assertRow(RegressionResult r, String metric, double baseline, double observed, double change,
            String changeText, boolean regressed) {
        RegressionRow row = r.rows().stream().filter(x -> x.metric().equals(metric)).findFirst().orElseThrow();
        assertThat(row.baseline()).as(metric).isEqualTo(baseline);
        assertThat(row.observed()).as(metric).isEqualTo(observed);
        assertThat(row.change()).as(metric).isEqualTo(change);
        assertThat(row.changeText()).as(metric).isEqualTo(changeText);
        assertThat(row.regressed()).as(metric).isEqualTo(regressed);
        assertThat(row.note()).as(metric).isNull();
    }

    private static RunFigures figures(Map<String, Double> values) {
        return new RunFigures(values, "users", LADDER);
    }

    private static HistoryRun run(String id, boolean passed, double ttftP95) {
        return new HistoryRun(id, passed, figures(Map.of("ttftP95Ms", ttftP95)));
    }

    private static RegressionPolicy policy(String baseline, Integer runs, String run) {
        return RegressionPolicy.of(new RegressionSpec(baseline, runs, run, Map.of("ttftP95", "+10%")));
    }
}
