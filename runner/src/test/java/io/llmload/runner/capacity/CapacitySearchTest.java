package io.llmload.runner.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.plan.PlannedStage;
import io.llmload.runner.plan.SearchPlan;
import io.llmload.runner.report.Aggregate;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.report.RunData;
import io.llmload.runner.report.StageInfo;
import io.llmload.runner.slo.ProbeOutcome;
import io.llmload.runner.slo.SearchResult;
import io.llmload.runner.spec.LoadSpec;
import io.llmload.runner.spec.PercentileTargets;
import io.llmload.runner.spec.PlanSpec;
import io.llmload.runner.spec.ShapeSpec;
import io.llmload.runner.spec.SloSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search loop on fake probes whose measurements are known: TTFT is 10 ms per user less 5 ms, the SLO is TTFT p95 <= 300 ms,
 * so exactly the levels up to 30 users hold. Checks how probes are judged (the report's own judgement), that a
 * probe aborted by a guardrail counts as failed and the search goes on, and how the probes become one report.
 */
class CapacitySearchTest {

    private static final SloSpec TTFT_300MS = new SloSpec(new PercentileTargets(null, null, "300ms", null), null,
            null, null, null, null);

    /** Fake probes: every probe 10 requests with TTFT = 10 ms x users - 5 ms; aborted at the levels in {@code aborted}. */
    private static final class FakeProbes implements CapacitySearch.ProbeRunner {
        private final Set<Double> aborted;
        private final List<Double> levels = new ArrayList<>();
        private Instant clock = Instant.parse("2026-01-01T00:00:00Z");

        FakeProbes(Set<Double> aborted) {
            this.aborted = aborted;
        }

        @Override
        public RunData run(LoadPlan probe) {
            PlannedStage warmup = probe.stages().get(0);
            PlannedStage stage = probe.measuredStages().get(0);
            levels.add(stage.level());
            CellStats warm = new CellStats();
            warm.record(trace(5_000)); // a warmup request far above the SLO: must not count
            CellStats cell = new CellStats();
            for (int i = 0; i < 10; i++) {
                cell.record(trace(10 * stage.level() - 5));
            }
            Instant start = clock;
            Instant end = start.plusSeconds(15);
            clock = end.plusSeconds(3); // 3 s between probes: the previous one drains, the next one starts
            boolean abort = aborted.contains(stage.level());
            return new RunData("fake", start.toString(), end.toString(), "closed", "users", "http://fake", "m", 1,
                    List.of(new StageInfo("warmup", stage.level(), warmup.durationSeconds(), true),
                            new StageInfo(stage.name(), stage.level(), stage.durationSeconds(), false)),
                    List.of("chat"), List.of(warm.toData("warmup", "chat"), cell.toData(stage.name(), "chat")),
                    List.of(), abort, abort ? "guardrail abortOnErrorRate: error rate 9% > 5%" : null);
        }

        private static RequestTrace trace(double ttftMs) {
            long t0 = 1_000_000_000L;
            RequestTrace t = new RequestTrace("r", 0, t0, true, 10);
            t.sent(t0);
            long first = t0 + Math.round(ttftMs * 1_000_000);
            t.content(first, 1);
            t.content(first + 10_000_000, 1);
            t.succeeded(first + 20_000_000);
            return t;
        }
    }

    private static SearchPlan search(double from, int maxProbes, int repeats) {
        ShapeSpec shape = new ShapeSpec("search", from, null, null, null, null, null, "10s", null, 2.0, "5%",
                maxProbes, null, repeats);
        LoadSpec load = new LoadSpec("closed", null, "5s", null, null, null, shape);
        return SearchPlan.of(load, Duration.ofSeconds(60), 1.0);
    }

    @Test
    void probesBecomeStagesOfOneReportAndTheAnswerIsTheBracket() throws Exception {
        FakeProbes probes = new FakeProbes(Set.of());

        Report report = new CapacitySearch(search(8, 20, 0), TTFT_300MS, probes).run("fake", null, null).report();

        assertThat(probes.levels).containsExactly(8.0, 16.0, 32.0, 24.0, 28.0, 30.0, 31.0);
        assertThat(report.stages()).extracting(Aggregate::name)
                .containsExactly("probe-1", "probe-2", "probe-3", "probe-4", "probe-5", "probe-6", "probe-7");
        // The warmup request (TTFT 5 s) is not in any probe: probe-1 is judged on its own 10 requests.
        assertThat(report.stages().get(0).requests()).isEqualTo(10);
        assertThat(report.stages().get(0).ttftMs().max()).isLessThan(100);
        SearchResult result = report.capacity().search();
        assertThat(result.held()).isEqualTo(30.0);
        assertThat(result.failed()).isEqualTo(31.0);
        assertThat(result.limitMetric()).isEqualTo("TTFT p95");
        assertThat(result.converged()).isTrue();
        assertThat(result.probes().get(2)).isEqualTo(new ProbeOutcome("probe-3", 32, "grow", false, "TTFT p95",
                "TTFT p95 315.1 ms > 300ms"));
        assertThat(result.explanation()).isEqualTo("grew 8 → 16 → 32 users; 32 failed on TTFT p95; bisected to 24 "
                + "(held), 28 (held), 30 (held), 31 (failed); stopped: bracket within 5%");
        assertThat(report.capacity().summary())
                .isEqualTo("holds 30–31 concurrent users at SLO (TTFT p95 was the limit)");
        assertThat(report.capacity().maxUsersAtSlo()).isEqualTo(30);
        // Judged by the highest level that held (Normal there), not by the failed probes mixed in.
        assertThat(report.verdict()).isEqualTo("Pass");
        assertThat(report.outcome()).isEqualTo("completed");
        // Warmups and the pauses between probes are stages excluded from results, so stage times add up to the clock.
        assertThat(report.run().get("warmupSeconds")).isEqualTo(7 * 5.0 + 6 * 3.0);
    }

    @Test
    void theSearchSurvivesReportJsonAndShowsInReportHtml(@TempDir Path dir) throws Exception {
        Report report = new CapacitySearch(search(8, 20, 0), TTFT_300MS, new FakeProbes(Set.of())).run("fake", null,
                new PlanSpec(null, 100, "0%", null)).report();

        ReportFiles.writeAll(report, dir);

        Report read = ReportFiles.read(dir.resolve(ReportFiles.JSON));
        assertThat(read.capacity().search()).isEqualTo(report.capacity().search());
        // 30 users held: 100 users need 4 replicas (nothing kept free).
        assertThat(read.capacity().plan().replicas()).isEqualTo(4);
        String html = Files.readString(dir.resolve(ReportFiles.HTML));
        assertThat(html).contains("<h3>Capacity search</h3><p>grew 8 → 16 → 32 users; 32 failed on TTFT p95;")
                .contains("<tr><td>probe-3</td><td>32</td><td>grow</td><td><strong>failed</strong></td>"
                        + "<td>TTFT p95 315.1 ms &gt; 300ms</td></tr>")
                .contains("<h3>Replica plan</h3><p><strong>needs 4 replicas at SLO (measured 30 users per replica, "
                        + "0% headroom)</strong>");
    }

    @Test
    void aProbeAbortedByAGuardrailCountsAsFailedAndTheSearchGoesOn() throws Exception {
        // 16 users would hold, but a guardrail aborts that probe: the search takes it as failed and bisects below.
        FakeProbes probes = new FakeProbes(Set.of(16.0));

        Report report = new CapacitySearch(search(8, 20, 0), TTFT_300MS, probes).run("fake", null, null).report();

        assertThat(probes.levels).containsExactly(8.0, 16.0, 12.0, 14.0, 15.0);
        SearchResult result = report.capacity().search();
        assertThat(result.probes().get(1)).isEqualTo(new ProbeOutcome("probe-2", 16, "grow", false, "aborted",
                "guardrail abortOnErrorRate: error rate 9% > 5%"));
        assertThat(result.held()).isEqualTo(15.0);
        assertThat(result.failed()).isEqualTo(16.0);
        assertThat(result.summary()).isEqualTo("holds 15–16 concurrent users at SLO (aborted was the limit)");
        // Only the probe ended: the run as a whole completed.
        assertThat(report.outcome()).isEqualTo("completed");
    }

    @Test
    void repeatsOfTheEdgeAreCountedInTheAnswer() throws Exception {
        FakeProbes probes = new FakeProbes(Set.of());

        Report report = new CapacitySearch(search(8, 20, 2), TTFT_300MS, probes).run("fake", null, null).report();

        assertThat(probes.levels).endsWith(30.0, 31.0, 30.0, 30.0);
        assertThat(report.capacity().summary()).isEqualTo(
                "holds 30–31 concurrent users at SLO (TTFT p95 was the limit; the edge held 3 of 3 times)");
        assertThat(report.capacity().search().explanation()).endsWith("repeated 30 2 times: held 2 of 2; stopped: "
                + "bracket within 5%");
    }

    @Test
    void stoppingFromOutsideEndsTheSearchAfterTheProbeUnderWay() throws Exception {
        CapacitySearch[] search = new CapacitySearch[1];
        FakeProbes fake = new FakeProbes(Set.of());
        CapacitySearch.ProbeRunner stopAtThird = plan -> {
            if (fake.levels.size() == 2) {
                search[0].stop("interrupted (Ctrl-C)");
            }
            return fake.run(plan);
        };
        search[0] = new CapacitySearch(search(8, 20, 0), TTFT_300MS, stopAtThird);

        Report report = search[0].run("fake", null, null).report();

        assertThat(fake.levels).containsExactly(8.0, 16.0, 32.0);
        assertThat(report.outcome()).isEqualTo("aborted");
        SearchResult result = report.capacity().search();
        assertThat(result.probes().get(2).limitMetric()).isEqualTo("stopped");
        // The stopped probe says nothing about the SLO: 16 held, nothing failed.
        assertThat(result.failed()).isNull();
        assertThat(result.stopReason()).isEqualTo("stopped early: interrupted (Ctrl-C)");
    }

    @Test
    void aCourseReplayedFromItsRecordedOutcomesReportsWhatTheRunningSearchReported() throws Exception {
        // The operator's way: the outcomes are kept (status.search), the course is rebuilt from them at the end.
        CapacitySearch.Result cli = new CapacitySearch(search(8, 20, 1), TTFT_300MS, new FakeProbes(Set.of(16.0)))
                .run("fake", null, null);
        SearchResult expected = cli.report().capacity().search();

        SearchCourse replayed = SearchCourse.replay(search(8, 20, 1), TTFT_300MS, expected.probes());
        assertThat(replayed.next()).as("nothing follows").isEmpty();
        Report report = replayed.finish(ReportBuilder.build(cli.data(), TTFT_300MS), cli.data().levelUnit(), null);

        assertThat(report.capacity().search()).isEqualTo(expected);
        assertThat(expected.stopReason()).isEqualTo("bracket within 5%");
        assertThat(report.verdict()).isEqualTo(cli.report().verdict());
    }

    @Test
    void aRecordThatIsNotThisSearchsIsRefused() {
        List<ProbeOutcome> wrong = List.of(new ProbeOutcome("probe-1", 8, "grow", true, null, null),
                new ProbeOutcome("probe-2", 20, "grow", true, null, null));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SearchCourse.replay(search(8, 20, 0), TTFT_300MS,
                wrong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe probe-2 at 20.0 is not the search's probe-2 at 16.0");
    }
}
