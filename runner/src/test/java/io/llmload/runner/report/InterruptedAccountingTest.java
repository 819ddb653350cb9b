package io.llmload.runner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.Histograms;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.slo.InterruptedShare;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Requests cut by the end of a run (graceful stop or abort) are never dropped: they are counted, their elapsed time
 * is reported as a lower bound apart from the completed requests' percentiles, and above 1% of the attempts they are
 * judged as errors.
 */
class InterruptedAccountingTest {

    private static final long T0 = Traces.T0;
    private static final long MS = Traces.MS;

    /** A stream cut at {@code cutMs} after its intended time, after its first token at {@code firstMs} (or none: -1). */
    private static RequestTrace cut(long firstMs, long cutMs) {
        RequestTrace t = new RequestTrace("cut", 0, T0, true, 10);
        t.sent(T0 + MS);
        if (firstMs >= 0) {
            t.content(T0 + firstMs * MS, 1);
        }
        t.interrupted(T0 + cutMs * MS);
        return t;
    }

    private static RunData run(CellStats cell, boolean aborted) {
        return new RunData("cut", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z", "closed", "users", "http://sim",
                "m", 1, List.of(new StageInfo("only", 4, 10, false)), List.of("chat"),
                List.of(cell.toData("only", "chat")), List.of(), aborted, aborted ? "stopped by hand" : null);
    }

    @Test
    void interruptedRequestsKeepTheirElapsedTimeAsALowerBoundApartFromTheCompletedOnes() {
        CellStats cell = new CellStats();
        for (int i = 0; i < 97; i++) {
            cell.record(Traces.ok(100)); // TTFT 100 ms, E2E 200 ms
        }
        cell.record(cut(300, 9_000)); // had its first token: its TTFT is known, its E2E at least 9 s
        cell.record(cut(-1, 7_000)); // no token yet: both at least 7 s
        RequestTrace plain = new RequestTrace("cut-plain", 0, T0, false, 10);
        plain.interrupted(T0 + 5_000 * MS); // not streamed: no TTFT at all
        cell.record(plain);

        Aggregate overall = ReportBuilder.build(run(cell, false), null).overall();

        assertThat(overall.requests()).isEqualTo(97);
        assertThat(overall.interrupted()).isEqualTo(3);
        // The completed requests' percentiles hold the completed requests only.
        assertThat(overall.e2eMs().count()).isEqualTo(97);
        assertThat(overall.e2eMs().max()).isCloseTo(200, within(1.0));
        assertThat(overall.ttftMs().max()).isCloseTo(100, within(1.0));
        // The cut ones, apart: E2E at least 5, 7 and 9 s; TTFT 300 ms (seen) and at least 7 s (not seen).
        assertThat(overall.interruptedE2eLowerBoundMs().count()).isEqualTo(3);
        assertThat(overall.interruptedE2eLowerBoundMs().max()).isCloseTo(9_000, within(10.0));
        assertThat(overall.interruptedE2eLowerBoundMs().p50()).isCloseTo(7_000, within(10.0));
        assertThat(overall.interruptedTtftLowerBoundMs().count()).isEqualTo(2);
        assertThat(overall.interruptedTtftLowerBoundMs().p50()).isCloseTo(300, within(1.0));
        assertThat(overall.interruptedTtftLowerBoundMs().max()).isCloseTo(7_000, within(10.0));
    }

    @Test
    void reportHtmlAndCsvSayHowManyWereCutAndHowLongTheyHadRun() {
        CellStats cell = new CellStats();
        for (int i = 0; i < 97; i++) {
            cell.record(Traces.ok(100));
        }
        cell.record(cut(300, 9_000));
        cell.record(cut(-1, 7_000));
        Report report = ReportBuilder.build(run(cell, false), null);

        String note = "2 requests cut by the end of the run (graceful stop or abort); they had run E2E >= p50 ";
        assertThat(InterruptedNote.of(report.overall())).startsWith(note).contains("; TTFT >= p50 300.0ms");
        String html = HtmlReport.render(report);
        assertThat(html).contains("<strong>Interrupted:</strong> " + note.replace(">", "&gt;"))
                .contains("0 (0.00%) + 2 interrupted");
        List<String> csv = CsvReport.render(report).lines().toList();
        List<String> header = List.of(csv.get(0).split(","));
        List<String> overallRow = List.of(csv.get(csv.size() - 1).split(","));
        assertThat(overallRow.get(header.indexOf("interrupted"))).isEqualTo("2");
        assertThat(Double.parseDouble(overallRow.get(header.indexOf("interruptedE2eLowerBoundMs_max"))))
                .isCloseTo(9_000, within(10.0));
        assertThat(html).doesNotContain("<strong>Load generator:</strong>");
        // 2 of 99 attempts is above the tolerated 1 %: judged as errors.
        assertThat(Double.parseDouble(overallRow.get(header.indexOf("judgedErrorRate"))))
                .isCloseTo(2 / 99.0, within(1e-6));
    }

    @Test
    void aLateLoadGeneratorIsSaidAtTheTopOfReportHtml() {
        CellStats cell = new CellStats();
        Traces.addOk(10, 100, cell);
        Histogram lag = Histograms.create();
        for (int i = 0; i < 100; i++) {
            lag.recordValue(i < 95 ? 100 : 40_000); // µs: p99 40 ms
        }
        RunData data = new RunData("late", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z", "closed", "users",
                "http://sim", "m", 1, List.of(new StageInfo("only", 4, 10, false)), List.of("chat"),
                List.of(cell.toData("only", "chat")), List.of(), false, null, List.of(), new EngineData(2, Histograms.encode(lag), null, null),
                java.util.Map.of());

        String html = HtmlReport.render(ReportBuilder.build(data, null));

        assertThat(html).contains("<strong>Load generator:</strong> event-loop lag p99 40.0 ms &gt; 1 ms: the load "
                + "generator, not the server, was slow");
    }

    @Test
    void upToOnePercentInterruptedIsTheEdgeOfARunAboveItTheyAreJudgedAsErrors() {
        CellStats few = new CellStats();
        for (int i = 0; i < 199; i++) {
            few.record(Traces.ok(100));
        }
        few.record(cut(-1, 3_000)); // 1 of 200 = 0.5%
        Report tolerated = ReportBuilder.build(run(few, false), null);
        assertThat(tolerated.overall().judgedErrorRate()).isNull();
        assertThat(tolerated.overall().errorRateForJudgement()).isZero();
        assertThat(tolerated.verdict()).isEqualTo("Pass");

        CellStats many = new CellStats();
        for (int i = 0; i < 95; i++) {
            many.record(Traces.ok(100));
        }
        for (int i = 0; i < 5; i++) {
            many.record(cut(-1, 3_000)); // 5 of 100 attempts = 5% > 1%
        }
        Report judged = ReportBuilder.build(run(many, true), null);
        assertThat(judged.overall().errorRate()).isZero(); // the completed requests had no error...
        assertThat(judged.overall().judgedErrorRate()).isCloseTo(0.05, within(1e-9)); // ...but the run is judged so
        assertThat(judged.stages().get(0).judgedErrorRate()).isCloseTo(0.05, within(1e-9));
        assertThat(judged.verdict()).isEqualTo("Breach"); // 5% > the 1% breach threshold
        assertThat(judged.outcome()).isEqualTo("aborted");
    }

    @Test
    void theToleratedShareIsOnePercentOfTheAttempts() {
        assertThat(InterruptedShare.TOLERATED).isEqualTo(0.01);
        assertThat(InterruptedShare.judgedErrorRate(99, 0, 1)).isNull(); // exactly 1%
        assertThat(InterruptedShare.judgedErrorRate(98, 1, 2)).isCloseTo(0.03, within(1e-12));
        assertThat(InterruptedShare.judgedErrorRate(0, 0, 4)).isEqualTo(1.0);
        assertThat(InterruptedShare.judgedErrorRate(50, 5, 0)).isNull();
    }
}
