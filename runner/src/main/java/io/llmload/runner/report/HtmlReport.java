package io.llmload.runner.report;

import io.llmload.runner.slo.Health;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * report.html: a self-contained page (no scripts, no external assets): capacity, stage and request-type tables,
 * SLO checks, cost, the server's own metrics ({@link HtmlSections}) and timeline charts.
 */
final class HtmlReport {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 180;

    private HtmlReport() {
    }

    static String render(Report r) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>llmload: ")
                .append(esc(r.name())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{padding:4px 10px;border-bottom:1px solid #ddd;")
                .append("text-align:right}td:first-child,th:first-child{text-align:left}")
                .append(".Pass,.Normal{color:#1a7f37}.Degraded{color:#9a6700}.Breach{color:#cf222e}")
                .append("svg{background:#fafafa;border:1px solid #eee}</style></head><body>");
        html.append("<h1>").append(esc(r.name())).append(" &mdash; <span class=\"").append(esc(r.verdict())).append("\">")
                .append(esc(r.verdict())).append("</span></h1>");
        html.append("<p>").append(esc(r.startTime())).append(" to ").append(esc(r.endTime())).append(", target ")
                .append(esc(String.valueOf(r.run().get("target")))).append(", model ")
                .append(esc(String.valueOf(r.run().get("model")))).append(", ").append(esc(r.outcome()));
        if (r.abortReason() != null) {
            html.append(" (").append(esc(r.abortReason())).append(')');
        }
        html.append("</p>");
        HtmlSections.capacity(html, r.capacity());
        html.append("<h2>Stages</h2>");
        tableHeader(html, "stage", "level");
        for (Aggregate a : r.stages()) {
            row(html, a);
        }
        row(html, r.overall());
        html.append("</table>");
        if (r.requestTypes() != null && !r.requestTypes().isEmpty()) {
            html.append("<h2>Request types</h2>");
            tableHeader(html, "type", "");
            r.requestTypes().forEach(a -> row(html, a));
            html.append("</table>");
            HtmlSections.stagesPerType(html, StageTypeBreakdown.of(r));
        }
        if (!r.slo().isEmpty()) {
            html.append("<h2>SLO</h2><table><tr><th>scope</th><th>objective</th><th>target</th><th>observed</th>")
                    .append("<th></th></tr>");
            for (SloResult s : r.slo()) {
                if (HtmlAutoscaling.ownsRow(s)) {
                    continue;
                }
                String observed = s.observed() == null ? "no data" : s.metric().equals("errorRate")
                        ? fmt(s.observed() * 100) + "%" : fmt(s.observed()) + " ms";
                html.append("<tr><td>").append(esc(s.scope())).append("</td><td>").append(esc(s.metric()))
                        .append("</td><td>").append(esc(s.target())).append("</td><td>").append(observed)
                        .append("</td><td class=\"").append(s.met() ? "Pass\">met" : "Breach\">missed").append("</td></tr>");
            }
            html.append("</table>");
        }
        HtmlSections.userRequests(html, r.userRequests());
        HtmlSections.retries(html, r);
        HtmlSections.cost(html, r.cost());
        HtmlSections.server(html, r.server());
        HtmlAutoscaling.section(html, r);
        List<TimelinePoint> t = r.timeline();
        if (t != null && !t.isEmpty()) {
            html.append("<h2>Timeline</h2>");
            chart(html, "requests/s", t, TimelinePoint::requestsPerSecond);
            chart(html, "output tokens/s", t, TimelinePoint::outputTokensPerSecond);
            chart(html, "TTFT p95 per interval (ms)", t, p -> p.ttftP95Ms() == null ? Double.NaN : p.ttftP95Ms());
            chart(html, "load level", t, TimelinePoint::level);
        }
        html.append("<p><small>Percentiles come from HdrHistograms of the whole stage; warmup is excluded. ")
                .append("report.json holds every histogram.</small></p></body></html>\n");
        return html.toString();
    }

    /** Opens a results table: the columns {@link #row} fills. */
    static void tableHeader(StringBuilder html, String first, String second) {
        html.append("<table><tr><th>").append(first).append("</th><th>").append(second).append("</th>")
                .append("<th>requests</th><th>req/s</th><th>out tok/s</th><th>errors</th><th>TTFT p50</th>")
                .append("<th>TTFT p95</th><th>ITL p95</th><th>TPOT p95</th><th>E2E p99</th><th>goodput</th>")
                .append("<th>TTFT p99/p50</th><th>E2E p99/p50</th><th>tier</th></tr>");
    }

    static void row(StringBuilder html, Aggregate a) {
        html.append("<tr><td>").append(esc(a.name())).append("</td><td>")
                .append(a.level() == null ? "" : fmt(a.level()) + " " + esc(a.levelUnit())).append("</td><td>")
                .append(a.requests()).append("</td><td>").append(fmt(a.requestsPerSecond())).append("</td><td>")
                .append(fmt(a.outputTokensPerSecond())).append("</td><td>").append(a.errors().total()).append(" (")
                .append(fmt(a.errorRate() * 100)).append("%)</td>");
        cell(html, a.ttftMs() == null ? null : a.ttftMs().p50());
        cell(html, a.ttftMs() == null ? null : a.ttftMs().p95());
        cell(html, a.itlMs() == null ? null : a.itlMs().p95());
        cell(html, a.tpotMs() == null ? null : a.tpotMs().p95());
        cell(html, a.e2eMs() == null ? null : a.e2eMs().p99());
        html.append("<td>").append(a.goodput() == null ? "-" : fmt(a.goodput())).append("</td>");
        Health h = a.health();
        band(html, h == null ? null : h.ttftP99OverP50(), h == null ? null : h.ttftBand());
        band(html, h == null ? null : h.e2eP99OverP50(), h == null ? null : h.e2eBand());
        html.append("<td class=\"").append(a.tier() == null ? "" : esc(a.tier())).append("\">")
                .append(a.tier() == null ? "" : esc(a.tier())).append("</td></tr>");
    }

    /** A p99/p50 ratio with its health band (seed 002), colored like the tiers. */
    private static void band(StringBuilder html, Double ratio, String band) {
        String css = "healthy".equals(band) ? "Normal" : "warn".equals(band) ? "Degraded" : "critical".equals(band)
                ? "Breach" : "";
        html.append("<td class=\"").append(css).append("\">").append(ratio == null ? "-" : fmt(ratio) + " "
                + esc(band)).append("</td>");
    }

    private static void cell(StringBuilder html, Double ms) {
        html.append("<td>").append(ms == null ? "-" : fmt(ms) + " ms").append("</td>");
    }

    private static void chart(StringBuilder html, String title, List<TimelinePoint> points,
            ToDoubleFunction<TimelinePoint> value) {
        double maxX = points.get(points.size() - 1).offsetSeconds();
        double maxY = points.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).max().orElse(0);
        if (maxX <= 0 || maxY <= 0) {
            return;
        }
        html.append("<h3>").append(esc(title)).append("</h3><svg width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT + 20).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT + 20)
                .append("\"><polyline fill=\"none\" stroke=\"#0969da\" stroke-width=\"1.5\" points=\"");
        for (TimelinePoint p : points) {
            double v = value.applyAsDouble(p);
            if (!Double.isNaN(v)) {
                html.append(fmt(40 + p.offsetSeconds() / maxX * (WIDTH - 50))).append(',')
                        .append(fmt(10 + HEIGHT - v / maxY * HEIGHT)).append(' ');
            }
        }
        html.append("\"/><text x=\"2\" y=\"14\" font-size=\"11\">").append(fmt(maxY)).append("</text>")
                .append("<text x=\"").append(WIDTH - 60).append("\" y=\"").append(HEIGHT + 18)
                .append("\" font-size=\"11\">").append(fmt(maxX)).append(" s</text></svg>");
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
