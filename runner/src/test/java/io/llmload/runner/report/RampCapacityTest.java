package io.llmload.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.CellRow;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.spec.InvalidManifestException;
import io.llmload.runner.spec.ManifestReader;
import io.llmload.runner.spec.SloSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A ramp is judged in five windows, each at the lowest level it held, so a ramp that passes never claims its end
 * level: a 0 → 100-user ramp held 80 users or more only in its last fifth.
 */
class RampCapacityTest {

    private static SloSpec slo() throws InvalidManifestException {
        return ManifestReader.parse("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\nspec:\n  slo: "
                + "{ttft: {p95: 500ms}}\n").spec().slo();
    }

    /** A 0 → 100-user ramp over 50 s, its windows' TTFTs as given (100 requests each), then optional flat stages. */
    private static RunData ramp(double[] windowTtftMs, StageInfo... after) {
        List<StageInfo> stages = new ArrayList<>();
        stages.add(new StageInfo("ramp", 100, 50, false, 0.0, null, 5));
        List<CellData> cells = new ArrayList<>();
        for (int w = 0; w < windowTtftMs.length; w++) {
            CellStats cell = new CellStats();
            Traces.addOk(100, windowTtftMs[w], cell);
            cells.add(cell.toData(new CellRow("ramp", w), "chat"));
        }
        for (StageInfo stage : after) {
            stages.add(stage);
            CellStats cell = new CellStats();
            Traces.addOk(100, 100, cell);
            cells.add(cell.toData(stage.name(), "chat"));
        }
        return new RunData("ramp", "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", "closed", "users", "http://sim",
                "m", 1, stages, List.of("chat"), cells, List.of(), false, null);
    }

    @Test
    void aRampThatPassesHoldsTheLowestLevelOfItsLastWindowNotItsEndLevel() throws Exception {
        Report report = ReportBuilder.build(ramp(new double[] { 100, 100, 100, 100, 100 }), slo());

        assertThat(report.stages().get(0).tier()).isEqualTo("Normal");
        assertThat(report.capacity().maxUsersAtSlo()).isEqualTo(80);
        assertThat(report.capacity().stageAtSlo()).isEqualTo("ramp (80-100 users)");
        assertThat(report.capacity().summary()).startsWith("holds 80 concurrent users at SLO");
        List<Aggregate> windows = report.stages().get(0).windows();
        assertThat(windows).extracting(Aggregate::level).containsExactly(0.0, 20.0, 40.0, 60.0, 80.0);
        assertThat(windows).extracting(Aggregate::durationSeconds).containsOnly(10.0);
        assertThat(windows).extracting(Aggregate::requestsPerSecond).containsOnly(10.0);
    }

    @Test
    void theWindowsAreRowsOfReportHtmlAndCsvUnderTheirRamp() throws Exception {
        Report report = ReportBuilder.build(ramp(new double[] { 100, 100, 100, 100, 2_000 }), slo());

        String html = HtmlReport.render(report);
        assertThat(html).contains("<tr class=\"window\"><td>\u21b3 ramp (60-80 users)</td><td>60 users</td>")
                .contains("<tr class=\"window\"><td>\u21b3 ramp (80-100 users)</td><td>80 users</td>");
        List<String> lines = CsvReport.render(report).lines().toList();
        assertThat(lines.get(1)).startsWith("stage,ramp,100,");
        assertThat(lines.subList(2, 7)).extracting(l -> l.substring(0, l.indexOf(",", "rampWindow,\"".length())))
                .containsExactly("rampWindow,ramp (0-20 users)", "rampWindow,ramp (20-40 users)",
                        "rampWindow,ramp (40-60 users)", "rampWindow,ramp (60-80 users)",
                        "rampWindow,ramp (80-100 users)");
        assertThat(lines.get(6)).startsWith("rampWindow,ramp (80-100 users),80,10,100,");
    }

    @Test
    void aRampThatMissesInItsLastWindowHoldsTheLevelBeforeIt() throws Exception {
        Report report = ReportBuilder.build(ramp(new double[] { 100, 100, 100, 100, 2_000 }), slo());

        assertThat(report.capacity().maxUsersAtSlo()).isEqualTo(60);
        assertThat(report.capacity().stageAtSlo()).isEqualTo("ramp (60-80 users)");
        assertThat(report.stages().get(0).windows().get(4).tier()).isNotEqualTo("Normal");
    }

    @Test
    void aLevelHeldByAFlatStageAfterTheRampIsClaimed() throws Exception {
        Report report = ReportBuilder.build(ramp(new double[] { 100, 100, 100, 100, 100 },
                new StageInfo("hold", 100, 20, false)), slo());

        assertThat(report.capacity().maxUsersAtSlo()).isEqualTo(100);
        assertThat(report.capacity().stageAtSlo()).isEqualTo("hold");
    }

    @Test
    void aRampAbortedHalfwayJudgesOnlyTheWindowsThatRan() throws Exception {
        // Aborted after 25 of 50 s: windows 0 and 1 ran fully, window 2 half (5 s), windows 3 and 4 not at all.
        RunData data = ramp(new double[] { 100, 100, 100 });
        StageInfo cut = new StageInfo("ramp", 100, 25, false, 0.0, 50.0, 5);
        RunData aborted = new RunData(data.name(), data.startTime(), data.endTime(), data.loadModel(),
                data.levelUnit(), data.target(), data.model(), 1, List.of(cut), data.requestTypes(), data.cells(),
                List.of(), true, "stopped");

        Report report = ReportBuilder.build(aborted, slo());

        List<Aggregate> windows = report.stages().get(0).windows();
        assertThat(windows).extracting(Aggregate::durationSeconds).containsExactly(10.0, 10.0, 5.0, 0.0, 0.0);
        assertThat(windows.get(2).requestsPerSecond()).isEqualTo(20.0);
        assertThat(report.capacity().maxUsersAtSlo()).isEqualTo(40);
    }
}
