package io.llmload.runner.compare;

import static io.llmload.runner.report.html.Html.esc;

import io.llmload.runner.report.chart.ChartSection;
import io.llmload.runner.report.html.Html;
import io.llmload.runner.report.html.HtmlPage;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * compare.html: one self-contained file like report.html — both runs' charts overlaid ({@link ChartOverlay}: A
 * dashed, B solid), then the comparison's tables (B against A, per scope, with the change and its judgement).
 */
final class CompareHtml {

    private CompareHtml() {
    }

    static String render(Comparison c, List<ChartSection> charts) {
        StringBuilder html = new StringBuilder(262_144);
        HtmlPage.open(html, "llmload compare: " + c.a().name() + " vs " + c.b().name());
        html.append("<header class=\"summary\"><h1>llmload compare</h1><p class=\"meta\">B against A; A is the ")
                .append("baseline. Charts: A dashed, B solid.</p><table><tr><th></th><th>report</th>")
                .append("<th>started</th><th>target</th><th>model</th><th>file</th></tr>");
        side(html, "A", c.a());
        side(html, "B", c.b());
        html.append("</table>");
        if (c.verdict() != null || c.capacity() != null) {
            html.append("<h3>Judgement</h3><table><tr><th></th><th>A</th><th>B</th><th></th><th></th></tr>");
            if (c.verdict() != null) {
                labelRow(html, "verdict", c.verdict());
            }
            if (c.capacity() != null) {
                html.append("<tr><td>capacity</td><td>").append(esc(c.capacity().a())).append("</td><td>")
                        .append(esc(c.capacity().b())).append("</td><td></td>");
                change(html, c.capacity().change());
                html.append("</tr>");
            }
            html.append("</table>");
        }
        html.append("</header>");
        HtmlPage.nav(html, charts, Map.of("tables", "Tables"));
        HtmlPage.sections(html, charts);
        html.append("<section id=\"tables\">");
        scope(html, "Overall", c.overall());
        for (ScopeComparison stage : c.stages()) {
            scope(html, "Stage " + stage.name(), stage);
        }
        for (ScopeComparison type : c.requestTypes()) {
            scope(html, "Request type " + type.name(), type);
        }
        unmatched(html, "Stages only in A", c.stagesOnlyInA());
        unmatched(html, "Stages only in B", c.stagesOnlyInB());
        unmatched(html, "Request types only in A", c.requestTypesOnlyInA());
        unmatched(html, "Request types only in B", c.requestTypesOnlyInB());
        html.append("</section><footer>B&minus;A in % of A; changes under ").append(fmt(Direction.NOISE_PERCENT))
                .append("% are marked same. Lower latency, errors and cost are better; higher throughput is better.")
                .append("</footer>");
        HtmlPage.close(html, charts);
        return html.toString();
    }

    private static void side(StringBuilder html, String label, Comparison.Side s) {
        html.append("<tr><td>").append(label).append("</td><td>").append(esc(s.name())).append("</td><td>")
                .append(esc(Html.time(s.startTime()))).append("</td><td>").append(esc(s.target())).append("</td><td>")
                .append(esc(s.model())).append("</td><td>").append(esc(s.file())).append("</td></tr>");
    }

    private static void scope(StringBuilder html, String title, ScopeComparison scope) {
        html.append("<h2>").append(esc(title)).append("</h2><table><tr><th>metric</th><th>A</th><th>B</th>")
                .append("<th>B&minus;A</th><th></th></tr>");
        if (scope.tier() != null) {
            labelRow(html, "tier", scope.tier());
        }
        for (MetricDelta m : scope.metrics()) {
            html.append("<tr><td>").append(esc(m.label())).append("</td><td>").append(value(m.a(), m.unit()))
                    .append("</td><td>").append(value(m.b(), m.unit())).append("</td><td>")
                    .append(m.deltaPercent() == null ? "-"
                            : (m.deltaPercent() > 0 ? "+" : "") + fmt(m.deltaPercent()) + "%")
                    .append("</td>");
            change(html, m.change());
            html.append("</tr>");
        }
        html.append("</table>");
    }

    private static void labelRow(StringBuilder html, String name, LabelDelta d) {
        html.append("<tr><td>").append(name).append("</td><td>").append(esc(d.a())).append("</td><td>")
                .append(esc(d.b())).append("</td><td></td>");
        change(html, d.change());
        html.append("</tr>");
    }

    private static void change(StringBuilder html, Change change) {
        html.append("<td class=\"").append(change == null ? "" : change.label()).append("\">")
                .append(change == null ? "" : change.label()).append("</td>");
    }

    private static void unmatched(StringBuilder html, String title, List<String> names) {
        if (!names.isEmpty()) {
            html.append("<p>").append(esc(title)).append(" (not compared): ").append(esc(String.join(", ", names)))
                    .append("</p>");
        }
    }

    private static String value(Double v, String unit) {
        if (v == null) {
            return "-";
        }
        switch (unit) {
            case "ms":
                return fmt(v) + " ms";
            case "fraction":
                return fmt(v * 100) + "%";
            default:
                return fmt(v);
        }
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : Math.abs(v) >= 0.01 ? "%.2f" : "%.6f", v);
    }
}
