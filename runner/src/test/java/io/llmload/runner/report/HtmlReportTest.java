package io.llmload.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.Histograms;
import io.llmload.runner.report.html.HtmlPage;
import io.llmload.runner.spec.PercentileTargets;
import io.llmload.runner.spec.SloSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** report.html's structure: summary on top, chart sections with their data embedded, tables below, one file. */
class HtmlReportTest {

    /** Stages light (4 users, TTFT 100 ms) and heavy (8 users, TTFT 900 ms), target TTFT p95 ≤ 500ms. */
    private static Report report(String name) {
        List<io.llmload.runner.metrics.CellData> cells = new ArrayList<>();
        CellStats light = new CellStats();
        Traces.addOk(30, 100, light);
        CellStats heavy = new CellStats();
        Traces.addOk(30, 900, heavy);
        cells.add(light.toData("light", "chat"));
        cells.add(heavy.toData("heavy", "chat"));
        List<TimelinePoint> timeline = new ArrayList<>();
        for (int s = 1; s <= 20; s++) {
            timeline.add(TimelinePoint.of(s, s <= 10 ? "light" : "heavy", s <= 10 ? 4 : 8, s <= 10 ? light : heavy,
                    10, s <= 10 ? 4 : 8));
        }
        RunData data = new RunData(name, "2026-01-01T00:00:00Z", "2026-01-01T00:00:20Z", "closed", "users",
                "http://sim:8000", "sim-model", 1, List.of(new StageInfo("light", 4, 10, false),
                        new StageInfo("heavy", 8, 10, false)), List.of("chat"), cells, timeline, false, null);
        return ReportBuilder.build(data, new SloSpec(new PercentileTargets(null, null, "500ms", null), null, null,
                null, null, null));
    }

    @Test
    void theVerdictCapacityAndMissedSlosComeFirstThenChartsThenTables() {
        Report r = report("ordered");
        String html = HtmlReport.render(r);

        assertThat(r.verdict()).isEqualTo("Degraded");
        int header = html.indexOf("<header class=\"summary\">");
        assertThat(html.substring(header, html.indexOf("</header>"))).contains("<span class=\"badge Degraded\"",
                "Capacity: <strong>" + r.capacity().summary() + "</strong>", "SLO targets missed",
                "<strong>ttft p95 \u2264 500ms</strong> <span class=\"scope\">missed in overall (",
                "stage heavy (", "2026-01-01 00:00:00 UTC, 20 s");
        assertThat(html.substring(header, html.indexOf("</header>"))).doesNotContain("stage light (");
        int overTime = html.indexOf("<section class=\"charts\" id=\"over-time\">");
        int distribution = html.indexOf("<section class=\"charts\" id=\"distribution\">");
        int load = html.indexOf("<section class=\"charts\" id=\"load\">");
        int tables = html.indexOf("<section id=\"results\">");
        assertThat(List.of(header, overTime, distribution, load, tables)).isSorted().doesNotContain(-1);
        assertThat(html.substring(tables)).contains("<h2>Stages</h2>", "<h2>SLO</h2>", "<h2>Capacity</h2>");
        assertThat(html).contains("<a href=\"#over-time\">Over time</a>", "<a href=\"#results\">Tables</a>");
    }

    @Test
    void everyFigureHasItsChartInTheEmbeddedDataAndThePageNeedsNothingElse() throws Exception {
        String html = HtmlReport.render(report("embedded"));
        JsonNode charts = embedded(html);

        List<String> figures = new ArrayList<>();
        Matcher m = Pattern.compile("<figure class=\"chart\" data-chart=\"([^\"]+)\">").matcher(html);
        while (m.find()) {
            figures.add(m.group(1));
        }
        assertThat(figures).contains("ttft-time", "e2e-time", "requests-time", "ttft-percentiles-stage",
                "ttft-load");
        List<String> ids = new ArrayList<>();
        charts.fieldNames().forEachRemaining(ids::add);
        assertThat(ids).containsExactlyElementsOf(figures);
        assertThat(charts.get("ttft-load").get("series").get(1).get("y").get(1).asDouble()).isEqualTo(
                report("embedded").stages().get(1).ttftMs().p95());
        // uPlot and the chart code are inlined; nothing is linked or fetched.
        assertThat(html).contains("/*! https://github.com/leeoniya/uPlot (v1.6.30) */", "window.llmload")
                .doesNotContain("<script src", "<link", "url(http");
    }

    @Test
    void percentileCurvePointsAreTheStoredHistogramsPercentiles() throws Exception {
        Report r = report("curves");
        JsonNode heavy = null;
        for (JsonNode s : embedded(HtmlReport.render(r)).get("ttft-percentiles-stage").get("series")) {
            if (s.get("label").asText().equals("heavy")) {
                heavy = s;
            }
        }
        assertThat(heavy).isNotNull();
        Histogram h = Histograms.decode(r.histograms().get(1).histograms().get("ttft"));
        assertThat(heavy.get("x").size()).isGreaterThan(50);
        for (int i = 0; i < heavy.get("x").size(); i++) {
            double p = heavy.get("x").get(i).asDouble();
            assertThat(heavy.get("y").get(i).asDouble()).as("p%s", p).isEqualTo(h.getValueAtPercentile(p) / 1000.0);
        }
    }

    @Test
    void textFromTheReportCannotBreakOutOfThePage() throws Exception {
        String name = "</script><script>alert(1)</script><!--";
        String html = HtmlReport.render(report(name));

        assertThat(html).doesNotContain("<script>alert(1)").contains("&lt;/script&gt;&lt;script&gt;alert(1)");
        // In the JSON, '<' is escaped: the data element ends where the page says.
        String data = html.substring(html.indexOf("<script type=\"application/json\""));
        data = data.substring(0, data.indexOf("</script>"));
        assertThat(data).doesNotContain("<!--").doesNotContain("</");
    }

    @Test
    void healthBandsSayWhichMetricAndMarkTheFloor() {
        String html = HtmlReport.render(report("health"));
        assertThat(html).contains("TTFT health</th>", "E2E health</th>", "judged only when that metric's p99 is at "
                + "least 1 s");
        // TTFT p99 of 100 ms and 900 ms: under the floor everywhere.
        assertThat(html).contains("<td class=\"floor\">");
    }

    static JsonNode embedded(String html) throws Exception {
        String start = "<script type=\"application/json\" id=\"" + HtmlPage.DATA_ID + "\">";
        int from = html.indexOf(start) + start.length();
        return ReportFiles.mapper().readTree(html.substring(from, html.indexOf("</script>", from)));
    }
}
