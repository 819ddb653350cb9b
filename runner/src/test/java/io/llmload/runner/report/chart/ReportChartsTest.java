package io.llmload.runner.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmload.runner.report.Aggregate;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.report.chart.Chart.Band;
import io.llmload.runner.report.chart.Chart.Marker;
import io.llmload.runner.report.chart.Chart.Rule;
import io.llmload.runner.report.chart.Chart.RuleKind;
import io.llmload.runner.report.chart.Chart.Series;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The charts of a report, checked against the known numbers of {@link ChartedRun} and an old report. */
class ReportChartsTest {

    static final Path OLD_REPORT = Path.of("src/test/resources/reports/quickstart-main-6dff9de.json");

    private final Report report = ChartedRun.report();

    @Test
    void stagesBandTheTimelineWithWarmupFirst() {
        assertThat(StageBands.of(report)).containsExactly(new Band(0, 2, "warmup", true),
                new Band(2, 12, "light", false), new Band(12, 22, "heavy", false));
    }

    @Test
    void latencyOverTimeHasTheIntervalPercentilesAndTheSloLine() {
        Chart ttft = chart(ReportCharts.of(report), "ttft-time");

        assertThat(ttft.series()).extracting(Series::label).containsExactly("p50", "p95", "p99");
        assertThat(ttft.series()).extracting(Series::headline).containsExactly(false, true, false);
        assertThat(ttft.bands()).hasSize(3);
        assertThat(ttft.rules()).containsExactly(Rule.horizontal(500, "SLO p95 \u2264 500ms", RuleKind.SLO));
        // The first second of light (3 s into the run): TTFTs 2 4 6 6 8 10 10 14 18 22 ms.
        int i = ttft.series().get(0).x().indexOf(3.0);
        assertThat(ttft.series().get(0).y().get(i)).isCloseTo(8, within(0.01));
        assertThat(ttft.series().get(1).y().get(i)).isCloseTo(22, within(0.02));
        assertThat(ttft.series().get(2).y().get(i)).isCloseTo(22, within(0.02));
    }

    @Test
    void ratesErrorsByClassAndLoadOverTime() {
        List<ChartSection> sections = ReportCharts.of(report);
        assertThat(sections).extracting(ChartSection::id).containsExactly("over-time", "distribution", "load");

        Series rps = chart(sections, "requests-time").series().get(0);
        assertThat(rps.y().get(rps.x().indexOf(3.0))).isEqualTo(10.0);
        assertThat(rps.y().get(rps.x().indexOf(13.0))).isEqualTo(12.0); // 10 answers + 2 errors

        Chart errors = chart(sections, "errors-time");
        assertThat(errors.series()).extracting(Series::label).containsExactly("all classes", "server", "timeout");
        assertThat(errors.series().get(0).y().get(errors.series().get(0).x().indexOf(13.0))).isEqualTo(2.0);
        assertThat(errors.series().get(1).y().get(errors.series().get(1).x().indexOf(3.0))).isEqualTo(0.0);
        assertThat(errors.series().get(2).y().get(errors.series().get(2).x().indexOf(13.0))).isEqualTo(1.0);

        Chart level = chart(sections, "level-time");
        assertThat(level.y().unit()).isEqualTo("users");
        assertThat(level.series()).extracting(Series::label).containsExactly("users", "in flight");
        assertThat(level.series().get(0).y()).startsWith(4.0).endsWith(8.0);
    }

    @Test
    void serverChartsOnlyForWhatTheServerReported() {
        List<ChartSection> sections = ReportCharts.of(report);
        Chart kv = chart(sections, "server-kv-cache");
        assertThat(kv.series().get(0).y()).containsExactly(10.0, 40.0, 90.0);
        assertThat(kv.rules()).extracting(Rule::value).containsExactly(80.0);
        // No "running" gauge was scraped: waiting alone.
        assertThat(chart(sections, "server-queue").series()).extracting(Series::label).containsExactly("waiting");
        assertThat(ids(sections)).doesNotContain("gpu-util", "gpu-power", "gpu-memory", "server-tokens");

        assertThat(ids(ReportCharts.of(report.withServer(null)))).noneMatch(id -> id.startsWith("server-"));
    }

    @Test
    void latencyVsLoadMarksTheSloTheCapacityAndTheSaturation() {
        assertThat(report.capacity().maxUsersAtSlo()).isEqualTo(4);
        assertThat(report.capacity().saturatedAt().stage()).isEqualTo("heavy");
        Chart ttft = chart(ReportCharts.of(report), "ttft-load");

        Aggregate light = report.stages().get(0);
        Aggregate heavy = report.stages().get(1);
        assertThat(ttft.x().unit()).isEqualTo("users");
        Series p95 = ttft.series().get(1);
        assertThat(p95.x()).containsExactly(4.0, 8.0);
        assertThat(p95.y()).containsExactly(light.ttftMs().p95(), heavy.ttftMs().p95());
        assertThat(ttft.rules()).contains(Rule.horizontal(500, "SLO p95 \u2264 500ms", RuleKind.SLO),
                Rule.vertical(4, "capacity 4 users", RuleKind.CAPACITY),
                Rule.vertical(8, "saturation 8 users", RuleKind.SATURATION));
        assertThat(ttft.markers()).containsExactly(new Marker(4, light.ttftMs().p95(), "p95 at capacity"));
        assertThat(ttft.note()).contains(report.capacity().summary());
    }

    @Test
    void aReportOfAnOlderVersionGetsTheChartsItsDataAllows() throws Exception {
        Report old = ReportFiles.read(OLD_REPORT);
        List<ChartSection> sections = ReportCharts.of(old);

        // Its timeline kept p95 TTFT and E2E per interval, no ITL and no error classes.
        assertThat(chart(sections, "ttft-time").series()).extracting(Series::label).containsExactly("p95");
        assertThat(chart(sections, "errors-time").series()).extracting(Series::label).containsExactly("all classes");
        assertThat(ids(sections)).doesNotContain("itl-time").contains("e2e-time", "level-time", "server-kv-cache",
                "ttft-percentiles-stage", "itl-percentiles-type", "ttft-load", "throughput-load");
    }

    @Test
    void aChartWithoutAnyValueIsLeftOut() {
        List<Integer> items = List.of(1, 2, 3);
        assertThat(ChartBuilder.chart("none", "none").series("nothing", items, i -> i, i -> null).build()).isEmpty();
        Chart some = ChartBuilder.chart("some", "some").series("nothing", items, i -> i, i -> null)
                .series("gap", items, i -> i, i -> i == 2 ? null : i * 1.5).build().orElseThrow();
        assertThat(some.series()).extracting(Series::label).containsExactly("gap");
        assertThat(some.series().get(0).y()).containsExactly(1.5, null, 4.5);
    }

    static Chart chart(List<ChartSection> sections, String id) {
        return sections.stream().flatMap(s -> s.charts().stream()).filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no chart " + id + " in " + ids(sections)));
    }

    static List<String> ids(List<ChartSection> sections) {
        return sections.stream().flatMap(s -> s.charts().stream()).map(Chart::id).toList();
    }
}
