package io.llmload.runner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.servermetrics.ServerReport;
import io.llmload.runner.spec.CostSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** report.html and report.csv carry capacity, cost, health, goodput, the server section and per-type tables. */
class ReportRenderingTest {

    /**
     * Three 10-s stages (4, 6 and 8 users), two request types, 20 requests per cell. chat keeps TTFT 50 ms; rag goes
     * from 100 over 150 to 400 ms, so the heavy stage's p95 E2E (500 ms) is 2.5x the light one's (200 ms):
     * saturation there.
     */
    private static Report report() {
        List<StageInfo> stages = List.of(new StageInfo("light", 4, 10, false), new StageInfo("medium", 6, 10, false),
                new StageInfo("heavy", 8, 10, false));
        List<io.llmload.runner.metrics.CellData> cells = new ArrayList<>();
        cells.add(cell("light", "chat", 50));
        cells.add(cell("light", "rag", 100));
        cells.add(cell("medium", "chat", 50));
        cells.add(cell("medium", "rag", 150));
        cells.add(cell("heavy", "chat", 50));
        cells.add(cell("heavy", "rag", 400));
        RunData data = new RunData("rendered", "2026-01-01T00:00:00Z", "2026-01-01T00:00:20Z", "closed", "users",
                "http://sim:8000", "sim-model", 1, stages, List.of("chat", "rag"), cells, List.of(), false, null);
        // 3.6 per GPU-hour = 0.001 per second: 0.01 per 10-s stage.
        Report built = ReportBuilder.build(data, null, new CostSpec(3.6, 1, null, null));
        Map<String, ServerReport.Summary> heavy = new LinkedHashMap<>();
        heavy.put("kvCacheUsage", new ServerReport.Summary(0.62, 0.87, null, "fraction"));
        heavy.put("waiting", new ServerReport.Summary(3.5, 12.0, null, "requests"));
        heavy.put("preemptions", new ServerReport.Summary(null, null, 7.0, "preemptions"));
        heavy.put("prefixCacheHits", new ServerReport.Summary(null, null, 750.0, "tokens"));
        heavy.put("prefixCacheQueries", new ServerReport.Summary(null, null, 1000.0, "tokens"));
        Map<String, ServerReport.Summary> light = new LinkedHashMap<>();
        light.put("kvCacheUsage", new ServerReport.Summary(0.11, 0.2, null, "fraction"));
        ServerReport server = new ServerReport("http://sim:8000/metrics", 4, 0, null,
                List.of(new ServerReport.Stage("light", light, null, null, null),
                        new ServerReport.Stage("heavy", heavy, 0.75, null, null)),
                List.of(new ServerReport.Alert("heavy", "kvCacheUsage", 0.87, 0.8, "KV cache above 80%")), List.of());
        return built.withServer(server);
    }

    private static io.llmload.runner.metrics.CellData cell(String stage, String type, double ttftMs) {
        CellStats stats = new CellStats();
        Traces.addOk(20, ttftMs, stats);
        return stats.toData(stage, type);
    }

    @Test
    void theFixtureSaturatesWhereExpected() {
        Report r = report();
        assertThat(r.capacity().saturatedAt().stage()).isEqualTo("heavy");
        assertThat(r.capacity().e2eP95Growth()).isNotNull();
        assertThat(r.cost().stages().get(0).perMillionOutputTokens()).isEqualTo(125.0);
    }

    @Test
    void htmlShowsCapacityCostHealthGoodputServerAndPerTypeTables() {
        Report r = report();
        String html = HtmlReport.render(r);

        assertThat(html).contains("<h2>Capacity</h2>", r.capacity().summary(), "saturation", "stage heavy at level 8",
                r.capacity().saturatedAt().reason(), "E2E p95 growth across stages", r.capacity().e2eP95Growth());
        // 40 requests in 10 s per stage, 2 output tokens each: 0.01 / 40 per request, 0.01 / 80 x 1M per 1M tokens.
        assertThat(html).contains("<h2>Cost (gpu pricing)</h2>", "<tr><td>light</td><td>0.01</td><td>0.00025</td>"
                + "<td>125</td></tr>");
        assertThat(html).contains("<th>goodput</th>", "E2E health</th>", "healthy");
        assertThat(html).contains("<h2>Server</h2>", "<th>kvCacheUsage</th>", "<th>preemptions</th>",
                "<td>62.00% / 87.00%</td>", "<td>3.50 / 12</td>", "<td>+7</td>", "<h3>Alerts</h3>",
                "KV cache above 80%", "<th>prefix cache hit rate</th>", "<td>75.00%</td>");
        assertThat(html).contains("<h2>Request types</h2>", "<h3>chat by stage</h3>", "<h3>rag by stage</h3>");
        // rag in the heavy stage alone: TTFT p95 400 ms.
        String ragTable = html.substring(html.indexOf("<h3>rag by stage</h3>"));
        ragTable = ragTable.substring(0, ragTable.indexOf("</table>"));
        assertThat(ragTable).contains("<td>heavy</td>", "<td>400 ms</td>").doesNotContain("<td>50.00 ms</td>");
        // The tables come after the charts.
        assertThat(html.indexOf("<h2>Stages</h2>")).isGreaterThan(html.lastIndexOf("<figure class=\"chart\""));
    }

    @Test
    void csvAddsJudgementCostServerColumnsAndStageTypeRowsWithAConstantColumnCount() {
        Report r = report();
        List<List<String>> rows = parse(CsvReport.render(r));
        List<String> header = rows.get(0);
        for (List<String> row : rows) {
            assertThat(row).as("row %s", row.get(1)).hasSize(header.size());
        }
        Map<String, Map<String, String>> byName = new HashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            Map<String, String> cells = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                cells.put(header.get(i), row.get(i));
            }
            byName.put(row.get(0) + ":" + row.get(1), cells);
        }
        Map<String, String> overall = byName.get("overall:overall");
        assertThat(overall).containsEntry("verdict", r.verdict()).containsEntry("capacity", r.capacity().summary())
                .containsEntry("saturation", "heavy: " + r.capacity().saturatedAt().reason())
                .containsEntry("costTotal", "0.03").containsEntry("e2eP95Growth", r.capacity().e2eP95Growth());
        assertThat(overall.get("goodput")).isEqualTo(CsvReport.num(r.overall().goodput()));

        Map<String, String> heavy = byName.get("stage:heavy");
        assertThat(heavy).containsEntry("server_kvCacheUsage_mean", "0.62").containsEntry("server_kvCacheUsage_max",
                "0.87").containsEntry("server_waiting_max", "12").containsEntry("server_preemptions_increase", "7")
                .containsEntry("serverAlerts", "kvCacheUsage 0.87 > 0.8")
                .containsEntry("server_prefixCacheHits_increase", "750")
                .containsEntry("saturation", r.capacity().saturatedAt().reason());
        assertThat(byName.get("stage:light")).containsEntry("costPerMillionOutputTokens", "125")
                .containsEntry("costPerRequest", "0.00025").containsEntry("server_preemptions_increase", "")
                .containsEntry("e2eHealth", "healthy");

        Map<String, String> ragHeavy = byName.get("stageRequestType:heavy/rag");
        assertThat(ragHeavy).isNotNull().containsEntry("requests", "20");
        assertThat(Double.parseDouble(ragHeavy.get("ttftMs_p95"))).isCloseTo(400, within(1.0));
        assertThat(Double.parseDouble(byName.get("stageRequestType:heavy/chat").get("ttftMs_p95")))
                .isCloseTo(50, within(0.1));
        assertThat(byName).containsKeys("requestType:chat", "requestType:rag", "stageRequestType:light/chat");
    }

    @Test
    void csvQuotesFieldsWithCarriageReturnsLineFeedsCommasAndQuotes() {
        assertThat(CsvReport.quote("plain")).isEqualTo("plain");
        assertThat(CsvReport.quote("a\rb")).isEqualTo("\"a\rb\"");
        assertThat(CsvReport.quote("a\r\nb")).isEqualTo("\"a\r\nb\"");
        assertThat(CsvReport.quote("say \"hi\", then\n")).isEqualTo("\"say \"\"hi\"\", then\n\"");
    }

    /** RFC 4180 enough for the test: quoted fields with doubled quotes, commas inside quotes. */
    private static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : csv.split("\n")) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            rows.add(fields);
        }
        return rows;
    }
}
