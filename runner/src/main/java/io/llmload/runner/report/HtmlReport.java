package io.llmload.runner.report;

import static io.llmload.runner.report.html.Html.esc;

import io.llmload.runner.report.chart.ChartSection;
import io.llmload.runner.report.chart.ReportCharts;
import io.llmload.runner.report.html.HtmlPage;
import io.llmload.runner.slo.Health;
import io.llmload.runner.slo.HealthBand;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.html: one self-contained file (uPlot and the data inlined, nothing fetched). On top the verdict, capacity and
 * missed SLOs ({@link HtmlSummary}); then the charts ({@link ReportCharts}); then the tables — stages, request types,
 * SLO checks, and the sections of {@link HtmlSections}.
 */
final class HtmlReport {

    private HtmlReport() {
    }

    static String render(Report r) {
        List<ChartSection> charts = ReportCharts.of(r);
        StringBuilder html = new StringBuilder(262_144);
        HtmlPage.open(html, "llmload: " + r.name() + " (" + r.verdict() + ")");
        HtmlSummary.header(html, r);
        HtmlPage.nav(html, charts, Map.of("results", "Tables"));
        HtmlPage.sections(html, charts);
        html.append("<section id=\"results\">");
        HtmlSections.capacity(html, r.capacity());
        html.append("<h2>Stages</h2>");
        tableHeader(html, "stage", "level");
        for (Aggregate a : r.stages()) {
            row(html, a);
            // A ramp is judged in windows, each at the lowest level it held: capacity comes from these rows.
            if (a.windows() != null) {
                a.windows().forEach(w -> row(html, w, "window"));
            }
        }
        row(html, r.overall());
        tableEnd(html);
        html.append(HEALTH_NOTE);
        if (r.requestTypes() != null && !r.requestTypes().isEmpty()) {
            html.append("<h2>Request types</h2>");
            tableHeader(html, "type", "");
            r.requestTypes().forEach(a -> row(html, a));
            tableEnd(html);
            HtmlSections.stagesPerType(html, StageTypeBreakdown.of(r));
        }
        if (!r.slo().isEmpty()) {
            html.append("<h2>SLO</h2><table><tr><th>scope</th><th>objective</th><th>target</th><th>observed</th>")
                    .append("<th></th></tr>");
            for (SloResult s : r.slo()) {
                if (HtmlAutoscaling.ownsRow(s)) {
                    continue;
                }
                html.append("<tr><td>").append(esc(s.scope())).append("</td><td>").append(esc(s.metric()))
                        .append("</td><td>").append(esc(s.target())).append("</td><td>")
                        .append(HtmlSummary.observed(s)).append("</td><td class=\"")
                        .append(s.met() ? "met\">met" : "missed\">missed").append("</td></tr>");
            }
            html.append("</table>");
        }
        HtmlSections.userRequests(html, r.userRequests());
        HtmlSections.retries(html, r);
        HtmlSections.cost(html, r.cost());
        HtmlSections.server(html, r.server());
        HtmlAutoscaling.section(html, r);
        html.append("</section><footer>Percentiles come from HdrHistograms of whole stages; warmup is excluded. ")
                .append("report.json holds every histogram: <code>llmload report report.json --html</code> draws ")
                .append("this page again.</footer>");
        HtmlPage.close(html, charts);
        return html.toString();
    }

    private static final String FLOOR_SECONDS = HtmlSections.num(HealthBand.FLOOR_P99_MS / 1000);
    private static final String HEALTH_NOTE = "<p class=\"intro\">Health: p99/p50 of TTFT and of E2E (seed 002) "
            + "\u2014 healthy under 2, warn 2 to 5, critical over 5 \u2014 judged only when that metric's p99 is at "
            + "least " + FLOOR_SECONDS + " s: below it a wide spread of small latencies is no incident (the band is "
            + "healthy; shown as <span class=\"floor\">\u00b7 p99 &lt; " + FLOOR_SECONDS + " s</span>).</p>";

    /** Opens a results table: the columns {@link #row} fills. */
    static void tableHeader(StringBuilder html, String first, String second) {
        html.append("<div class=\"table-scroll\"><table><tr><th>").append(first).append("</th><th>").append(second)
                .append("</th><th>requests</th><th>req/s</th><th>out tok/s</th><th>errors</th><th>TTFT p50</th>")
                .append("<th>TTFT p95</th><th>ITL p95</th><th>TPOT p95</th><th>E2E p99</th><th>goodput</th>")
                .append("<th title=\"p99/p50 of TTFT and its health band\">TTFT health</th>")
                .append("<th title=\"p99/p50 of E2E and its health band\">E2E health</th><th>tier</th></tr>");
    }

    static void tableEnd(StringBuilder html) {
        html.append("</table></div>");
    }

    static void row(StringBuilder html, Aggregate a) {
        row(html, a, null);
    }

    /** One results row; {@code rowClass} marks rows inside a stage (a ramp's judgement windows). */
    static void row(StringBuilder html, Aggregate a, String rowClass) {
        html.append(rowClass == null ? "<tr>" : "<tr class=\"" + rowClass + "\">").append("<td>")
                .append(rowClass == null ? "" : "\u21b3 ").append(esc(a.name())).append("</td><td>")
                .append(a.level() == null ? "" : HtmlSections.num(a.level()) + " " + esc(a.levelUnit()))
                .append("</td><td>")
                .append(a.requests()).append("</td><td>").append(fmt(a.requestsPerSecond())).append("</td><td>")
                .append(fmt(a.outputTokensPerSecond())).append("</td><td>").append(a.errors().total()).append(" (")
                .append(fmt(a.errorRate() * 100)).append("%)")
                .append(a.interrupted() == 0 ? "" : " + " + a.interrupted() + " interrupted").append("</td>");
        cell(html, a.ttftMs() == null ? null : a.ttftMs().p50());
        cell(html, a.ttftMs() == null ? null : a.ttftMs().p95());
        cell(html, a.itlMs() == null ? null : a.itlMs().p95());
        cell(html, a.tpotMs() == null ? null : a.tpotMs().p95());
        cell(html, a.e2eMs() == null ? null : a.e2eMs().p99());
        html.append("<td>").append(a.goodput() == null ? "-" : fmt(a.goodput())).append("</td>");
        Health h = a.health();
        band(html, h == null ? null : h.ttftP99OverP50(), h == null ? null : h.ttftBand(), a.ttftMs());
        band(html, h == null ? null : h.e2eP99OverP50(), h == null ? null : h.e2eBand(), a.e2eMs());
        html.append("<td class=\"").append(a.tier() == null ? "" : esc(a.tier())).append("\">")
                .append(a.tier() == null ? "" : esc(a.tier())).append("</td></tr>");
    }

    /** A p99/p50 ratio with its health band (seed 002), colored; marked when the p99 is under the judged floor. */
    private static void band(StringBuilder html, Double ratio, String band, Percentiles p) {
        if (ratio == null) {
            html.append("<td>-</td>");
            return;
        }
        boolean belowFloor = p != null && HealthBand.belowFloor(p.p99());
        html.append("<td class=\"").append(belowFloor ? "floor" : esc(band)).append("\">").append(fmt(ratio))
                .append("\u00d7 ").append(belowFloor ? "\u00b7 p99 &lt; " + FLOOR_SECONDS + " s" : esc(band))
                .append("</td>");
    }

    private static void cell(StringBuilder html, Double ms) {
        html.append("<td>").append(ms == null ? "-" : fmt(ms) + " ms").append("</td>");
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v);
    }
}
