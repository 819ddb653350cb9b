package io.llmload.runner.report.html;

import static io.llmload.runner.report.html.Html.esc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.report.chart.Chart;
import io.llmload.runner.report.chart.ChartSection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frame of report.html and compare.html: head with the inlined stylesheets, chart sections as placeholders
 * ({@code <figure data-chart="ID">}), and at the end the charts' data as JSON plus the inlined scripts that draw them.
 * The pages need nothing else: no network, no files beside them.
 */
public final class HtmlPage {

    /** The id of the script element holding the charts' JSON. */
    public static final String DATA_ID = "llmload-charts";

    private HtmlPage() {
    }

    public static void open(StringBuilder html, String title) {
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(esc(title)).append("</title><style>").append(PageAssets.UPLOT_CSS).append('\n')
                .append(PageAssets.PAGE_CSS).append("</style></head><body><main>");
    }

    /** Links to the chart sections and to the anchors of the sections that follow them. */
    public static void nav(StringBuilder html, List<ChartSection> sections, Map<String, String> more) {
        html.append("<nav>");
        for (ChartSection s : sections) {
            html.append("<a href=\"#").append(esc(s.id())).append("\">").append(esc(s.title())).append("</a>");
        }
        more.forEach((id, title) -> html.append("<a href=\"#").append(esc(id)).append("\">").append(esc(title))
                .append("</a>"));
        html.append("</nav>");
    }

    public static void sections(StringBuilder html, List<ChartSection> sections) {
        for (ChartSection s : sections) {
            html.append("<section class=\"charts\" id=\"").append(esc(s.id())).append("\"><h2>").append(esc(s.title()))
                    .append("</h2><p class=\"intro\">").append(esc(s.intro())).append("</p><div class=\"grid\">");
            for (Chart c : s.charts()) {
                html.append("<figure class=\"chart\" data-chart=\"").append(esc(c.id())).append("\"><figcaption>")
                        .append(esc(c.title())).append("</figcaption><div class=\"plot\"></div>");
                if (c.note() != null) {
                    html.append("<p class=\"note\">").append(esc(c.note())).append("</p>");
                }
                html.append("</figure>");
            }
            html.append("</div></section>");
        }
    }

    /** The charts' data and the scripts, then the end of the page. */
    public static void close(StringBuilder html, List<ChartSection> sections) {
        Map<String, Chart> charts = new LinkedHashMap<>();
        sections.forEach(s -> s.charts().forEach(c -> charts.put(c.id(), c)));
        html.append("</main><script type=\"application/json\" id=\"").append(DATA_ID).append("\">")
                .append(json(charts)).append("</script><script>").append(PageAssets.UPLOT_JS)
                .append("</script><script>").append(PageAssets.CHARTS_JS).append("</script></body></html>\n");
    }

    /**
     * JSON that is safe inside a script element: '<' only occurs inside JSON strings, where its \\u escape means the
     * same, so no "</script>" or "<!--" in a label can end the element early.
     */
    static String json(Object value) {
        try {
            return ReportFiles.mapper().writer().without(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(value).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("charts are plain data: " + e.getMessage(), e);
        }
    }
}
