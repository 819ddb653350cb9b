package io.llmload.runner.report;

import static io.llmload.runner.report.HtmlReport.fmt;
import static io.llmload.runner.report.html.Html.esc;

import io.llmload.runner.report.html.Html;
import io.llmload.runner.slo.Capacity;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The top of report.html, what a reader needs first: the verdict, the capacity sentence, the SLO targets that were
 * missed (and where), and the run's headline figures.
 */
final class HtmlSummary {

    private HtmlSummary() {
    }

    static void header(StringBuilder html, Report r) {
        html.append("<header class=\"summary\"><h1>").append(esc(r.name())).append("</h1><span class=\"badge ")
                .append(esc(r.verdict())).append("\" title=\"verdict\">").append(esc(r.verdict())).append("</span>");
        if ("aborted".equals(r.outcome())) {
            html.append("<span class=\"badge aborted\">aborted</span>");
        }
        html.append("<p class=\"meta\">").append(esc(when(r.startTime(), r.endTime()))).append(" \u00b7 target ")
                .append(esc(run(r, "target"))).append(" \u00b7 model ")
                .append(esc(run(r, "model"))).append(" \u00b7 ").append(esc(run(r, "loadModel"))).append(" model, ")
                .append(esc(run(r, "runners"))).append("1".equals(run(r, "runners")) ? " runner" : " runners");
        if (r.abortReason() != null) {
            html.append(" \u00b7 aborted: ").append(esc(r.abortReason()));
        }
        html.append("</p>");
        Capacity c = r.capacity();
        if (c != null && c.summary() != null) {
            html.append("<p class=\"headline\">Capacity: <strong>").append(esc(c.summary())).append("</strong></p>");
        }
        slo(html, r.slo() == null ? List.of() : r.slo());
        // What the figures below do not show by themselves: a load generator that ran late, requests cut at the end.
        String engine = EngineReport.warning(r.run());
        if (engine != null) {
            html.append("<p class=\"caveat\"><strong>Load generator:</strong> ").append(esc(engine)).append("</p>");
        }
        String interrupted = InterruptedNote.of(r.overall());
        if (interrupted != null) {
            html.append("<p class=\"caveat\"><strong>Interrupted:</strong> ").append(esc(interrupted))
                    .append("</p>");
        }
        tiles(html, r.overall());
        html.append("</header>");
    }

    /** "All 4 SLO checks met", or each missed target with the scopes that missed it and what they observed. */
    private static void slo(StringBuilder html, List<SloResult> results) {
        if (results.isEmpty()) {
            html.append("<p class=\"slo-status\">No SLO targets: judged by the default tiers (errors above 1% or ")
                    .append("p99 E2E above 5 s is a Breach).</p>");
            return;
        }
        Map<String, StringBuilder> missed = new LinkedHashMap<>();
        for (SloResult s : results) {
            if (!s.met()) {
                StringBuilder scopes = missed.computeIfAbsent(s.metric() + " \u2264 " + s.target(),
                        k -> new StringBuilder());
                scopes.append(scopes.length() == 0 ? "" : ", ").append(esc(s.scope().replace("stage:", "stage ")))
                        .append(" (").append(observed(s)).append(')');
            }
        }
        if (missed.isEmpty()) {
            html.append("<p class=\"slo-status met\">All ").append(results.size()).append(" SLO checks met.</p>");
            return;
        }
        html.append("<p class=\"slo-status\"><strong>SLO targets missed:</strong></p><ul class=\"unmet\">");
        missed.forEach((target, scopes) -> html.append("<li><strong>").append(esc(target))
                .append("</strong> <span class=\"scope\">missed in ").append(scopes).append("</span></li>"));
        html.append("</ul>");
    }

    static String observed(SloResult s) {
        if (s.observed() == null) {
            return "no data";
        }
        return s.metric().equals("errorRate") ? fmt(s.observed() * 100) + "%" : fmt(s.observed()) + " ms";
    }

    private static void tiles(StringBuilder html, Aggregate o) {
        html.append("<div class=\"tiles\">");
        tile(html, "requests", Long.toString(o.requests()), o.succeeded() + " succeeded");
        tile(html, "requests/s", fmt(o.requestsPerSecond()), o.goodput() == null ? null
                : "goodput " + fmt(o.goodput()) + "/s");
        tile(html, "output tokens/s", fmt(o.outputTokensPerSecond()), null);
        tile(html, "error rate", fmt(o.errorRate() * 100) + "%", o.errors().total() + " errors");
        tile(html, "TTFT p95", ms(o.ttftMs(), "p95"), ms(o.ttftMs(), "p50") + " p50");
        tile(html, "ITL p95", ms(o.itlMs(), "p95"), ms(o.itlMs(), "p50") + " p50");
        tile(html, "E2E p99", ms(o.e2eMs(), "p99"), ms(o.e2eMs(), "p50") + " p50");
        tile(html, "tier", o.tier() == null ? "-" : o.tier(), "whole run, warmup excluded");
        html.append("</div>");
    }

    private static void tile(StringBuilder html, String key, String value, String sub) {
        html.append("<div class=\"tile\"><div class=\"k\">").append(esc(key)).append("</div><div class=\"v\">")
                .append(esc(value)).append("</div>");
        if (sub != null) {
            html.append("<div class=\"s\">").append(esc(sub)).append("</div>");
        }
        html.append("</div>");
    }

    private static String ms(Percentiles p, String percentile) {
        return p == null ? "-" : fmt(p.at(percentile)) + " ms";
    }

    /** "2025-12-03 07:17:58 UTC, 28 s" (the timestamps as written when they do not parse). */
    static String when(String start, String end) {
        try {
            long seconds = Duration.between(Instant.parse(start), Instant.parse(end)).toSeconds();
            return Html.time(start) + ", " + (seconds >= 120 ? seconds / 60 + " min " + seconds % 60 + " s"
                    : seconds + " s");
        } catch (RuntimeException unparsable) {
            return start + " \u2192 " + end;
        }
    }

    private static String run(Report r, String key) {
        Object v = r.run() == null ? null : r.run().get(key);
        return v == null ? "-" : String.valueOf(v);
    }
}
