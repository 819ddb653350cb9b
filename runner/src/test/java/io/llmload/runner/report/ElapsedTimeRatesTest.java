package io.llmload.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.CellStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rates are per second of the time a stage actually ran: an aborted run is not diluted by its unplayed plan. */
class ElapsedTimeRatesTest {

    @Test
    void anAbortedRunsRatesAreOverItsElapsedTime() {
        CellStats first = new CellStats();
        Traces.addOk(100, 100, first); // 10 s as planned
        CellStats cutShort = new CellStats();
        Traces.addOk(30, 100, cutShort); // 3 s of 60 planned, then aborted
        List<StageInfo> stages = List.of(new StageInfo("first", 4, 10, false),
                new StageInfo("second", 8, 3, false, null, 60.0, null),
                new StageInfo("third", 16, 0, false, null, 10.0, null));
        List<CellData> cells = List.of(first.toData("first", "chat"), cutShort.toData("second", "chat"),
                new CellStats().toData("third", "chat"));
        RunData data = new RunData("aborted", "2026-01-01T00:00:00Z", "2026-01-01T00:00:13Z", "closed", "users",
                "http://sim", "m", 1, stages, List.of("chat"), cells, List.of(), true, "guardrail");

        Report report = ReportBuilder.build(data, null);

        assertThat(report.stages().get(1).durationSeconds()).isEqualTo(3.0);
        assertThat(report.stages().get(1).requestsPerSecond()).isEqualTo(10.0); // not 30 / 60 = 0.5
        assertThat(report.stages().get(1).outputTokensPerSecond()).isEqualTo(20.0);
        assertThat(report.stages().get(2).requestsPerSecond()).isZero();
        assertThat(report.run().get("measuredSeconds")).isEqualTo(13.0);
        assertThat(report.overall().requestsPerSecond()).isEqualTo(10.0); // 130 requests in 13 s
    }

    @Test
    void severalRunnersOfAnAbortedTestRanEachStageForTheLongestOfTheirTimes() {
        RunData a = runner(2.5);
        RunData b = runner(3.0);
        RunData merged = RunDataMerger.merge(List.of(a, b));
        assertThat(merged.stages().get(0).durationSeconds()).isEqualTo(3.0);
        assertThat(merged.stages().get(0).planned()).isEqualTo(60.0);
    }

    private static RunData runner(double ran) {
        CellStats cell = new CellStats();
        Traces.addOk(10, 100, cell);
        return new RunData("r", "2026-01-01T00:00:00Z", "2026-01-01T00:00:03Z", "closed", "users", "http://sim",
                "m", 1, List.of(new StageInfo("only", 4, ran, false, null, 60.0, null)), List.of("chat"),
                List.of(cell.toData("only", "chat")), List.of(), true, "stop");
    }
}
