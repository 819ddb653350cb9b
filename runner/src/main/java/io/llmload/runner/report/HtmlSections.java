package io.llmload.runner.report;

import static io.llmload.runner.report.HtmlReport.fmt;
import static io.llmload.runner.report.html.Html.esc;

import io.llmload.runner.servermetrics.ServerReport;
import io.llmload.runner.slo.Capacity;
import io.llmload.runner.slo.ProbeOutcome;
import io.llmload.runner.slo.ReplicaPlan;
import io.llmload.runner.slo.SearchResult;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The judgement, cost and server sections of report.html (the stage tables and charts are {@link HtmlReport}). */
final class HtmlSections {


    private HtmlSections() {
    }

    /** Capacity sentence, level at SLO, saturation point and how p95 latency grew across stages. */
    static void capacity(StringBuilder html, Capacity c) {
        if (c == null) {
            return;
        }
        html.append("<h2>Capacity</h2><p><strong>").append(esc(c.summary())).append("</strong></p><table>");
        if (c.maxUsersAtSlo() != null || c.maxRateAtSlo() != null) {
            fact(html, "highest level at SLO", c.maxUsersAtSlo() != null ? c.maxUsersAtSlo() + " users"
                    : fmt(c.maxRateAtSlo()) + " req/s", c.stageAtSlo());
        }
        if (c.saturatedAt() != null) {
            fact(html, "saturation", "stage " + c.saturatedAt().stage() + " at level " + num(c.saturatedAt().level()),
                    c.saturatedAt().reason());
        }
        if (c.ttftP95Growth() != null) {
            fact(html, "TTFT p95 growth across stages", c.ttftP95Growth(), null);
        }
        if (c.e2eP95Growth() != null) {
            fact(html, "E2E p95 growth across stages", c.e2eP95Growth(), null);
        }
        html.append("</table>");
        search(html, c.search());
        plan(html, c.plan());
    }

    /** The replica and cost plan with its assumptions in plain sight. */
    private static void plan(StringBuilder html, ReplicaPlan plan) {
        if (plan == null) {
            return;
        }
        html.append("<h3>Replica plan</h3><p><strong>").append(esc(plan.summary())).append("</strong></p><ul>");
        plan.assumptions().forEach(a -> html.append("<li>").append(esc(a)).append("</li>"));
        html.append("</ul>");
    }

    /** A capacity search: how it went, then each probe (a stage of the tables below) held or failed, and why. */
    private static void search(StringBuilder html, SearchResult search) {
        if (search == null) {
            return;
        }
        html.append("<h3>Capacity search</h3><p>").append(esc(search.explanation())).append("</p>")
                .append("<table><tr><th>probe</th><th>level (").append(esc(search.levelUnit()))
                .append(")</th><th>why</th><th>SLO</th><th>limit</th></tr>");
        for (ProbeOutcome p : search.probes()) {
            html.append("<tr><td>").append(esc(p.stage())).append("</td><td>").append(num(p.level()))
                    .append("</td><td>").append(esc(p.phase())).append("</td><td>")
                    .append(p.held() ? "held" : "<strong>failed</strong>").append("</td><td>")
                    .append(p.limit() == null ? "" : esc(p.limit())).append("</td></tr>");
        }
        html.append("</table>");
    }

    static void cost(StringBuilder html, CostReport cost) {
        if (cost == null || cost.overall() == null) {
            return;
        }
        html.append("<h2>Cost (").append(esc(cost.pricing())).append(" pricing)</h2><table><tr><th>scope</th>")
                .append("<th>total</th><th>per request</th><th>per 1M output tokens</th></tr>");
        costRow(html, cost.overall());
        if (cost.stages() != null) {
            cost.stages().forEach(s -> costRow(html, s));
        }
        html.append("</table>");
    }

    /** Per measured stage: gauges as mean / max, counters as their increase; then the alerts. */
    static void server(StringBuilder html, Object section) {
        if (section == null) {
            return;
        }
        ServerReport server = ReportFiles.mapper().convertValue(section, ServerReport.class);
        html.append("<h2>Server</h2><p>").append(esc(server.source())).append(", ").append(server.scrapes())
                .append(" scrapes").append(server.failedScrapes() > 0 ? ", " + server.failedScrapes() + " failed" : "")
                .append(". Gauges: mean / max over the stage; counters: increase during the stage.</p>");
        List<ServerReport.Stage> stages = server.stages() == null ? List.of() : server.stages();
        Set<String> metrics = new LinkedHashSet<>();
        stages.forEach(s -> metrics.addAll(s.metrics().keySet()));
        if (!metrics.isEmpty()) {
            boolean hitRate = stages.stream().anyMatch(st -> st.prefixCacheHitRate() != null);
            html.append("<table><tr><th>stage</th>");
            metrics.forEach(m -> html.append("<th>").append(esc(m)).append("</th>"));
            html.append(hitRate ? "<th>prefix cache hit rate</th>" : "").append("</tr>");
            for (ServerReport.Stage stage : stages) {
                html.append("<tr><td>").append(esc(stage.name())).append("</td>");
                for (String m : metrics) {
                    html.append("<td>").append(summary(stage.metrics().get(m))).append("</td>");
                }
                if (hitRate) {
                    html.append("<td>").append(stage.prefixCacheHitRate() == null ? "-"
                            : fmt(stage.prefixCacheHitRate() * 100) + "%").append("</td>");
                }
                html.append("</tr>");
            }
            html.append("</table>");
        }
        List<ServerReport.Alert> alerts = server.alerts() == null ? List.of() : server.alerts();
        if (!alerts.isEmpty()) {
            html.append("<h3>Alerts</h3><table><tr><th>stage</th><th>metric</th><th>observed</th>")
                    .append("<th>threshold</th><th>meaning</th></tr>");
            for (ServerReport.Alert a : alerts) {
                html.append("<tr><td>").append(esc(a.stage())).append("</td><td>").append(esc(a.metric()))
                        .append("</td><td class=\"Breach\">").append(fmt(a.observed())).append("</td><td>")
                        .append(fmt(a.threshold())).append("</td><td>").append(esc(a.message())).append("</td></tr>");
            }
            html.append("</table>");
        }
    }

    /** Composite types (RAG, sessions, chains): whole user requests per stage and overall. */
    static void userRequests(StringBuilder html, List<UserRequestReport> types) {
        if (types == null || types.isEmpty()) {
            return;
        }
        html.append("<h2>User requests</h2><p>A user request is a whole RAG call pair, session or chain; E2E runs from ")
                .append("its first step's intended send time to its last step's end (think time included).</p>");
        for (UserRequestReport type : types) {
            html.append("<h3>").append(esc(type.type())).append("</h3><table><tr><th>stage</th><th>user requests</th>")
                    .append("<th>failed</th><th>interrupted</th><th>per s</th><th>E2E p50</th><th>E2E p99</th>")
                    .append("<th>tokens p50</th><th>tokens p99</th><th>steps (mean)</th><th>think (mean ms)</th></tr>");
            for (UserRequestFigures f : type.stages()) {
                userRequestRow(html, f.stage(), f);
            }
            userRequestRow(html, "overall", type.overall());
            html.append("</table>");
        }
    }

    private static void userRequestRow(StringBuilder html, String scope, UserRequestFigures f) {
        html.append("<tr><td>").append(esc(scope)).append("</td><td>").append(f.count()).append("</td><td>")
                .append(f.failed()).append("</td><td>").append(f.interrupted()).append("</td><td>")
                .append(fmt(f.userRequestsPerSecond())).append("</td><td>")
                .append(f.e2eMs() == null ? "-" : fmt(f.e2eMs().p50())).append("</td><td>")
                .append(f.e2eMs() == null ? "-" : fmt(f.e2eMs().p99())).append("</td><td>")
                .append(f.tokens() == null ? "-" : f.tokens().p50()).append("</td><td>")
                .append(f.tokens() == null ? "-" : f.tokens().p99()).append("</td><td>")
                .append(f.steps() == null ? "-" : fmt(f.steps().mean())).append("</td><td>")
                .append(f.meanThinkTimeMs() == null ? "-" : fmt(f.meanThinkTimeMs())).append("</td></tr>");
    }

    /** The client's retries, apart from the first attempts the other tables show; nothing when none were sent. */
    static void retries(StringBuilder html, Report r) {
        if (r.overall().retries() == null) {
            return;
        }
        html.append("<h2>Retries</h2><p>Apart from the first attempts above: requests retried, retry attempts and ")
                .append("their outcome, and what a recovered request's user waited (retries included).</p>")
                .append("<table><tr><th>stage</th><th>requests retried</th><th>retries</th><th>succeeded</th>")
                .append("<th>failed</th><th>interrupted</th><th>recovered</th><th>user latency p50</th>")
                .append("<th>user latency p99</th></tr>");
        for (Aggregate stage : r.stages()) {
            if (stage.retries() != null) {
                retryRow(html, stage.name(), stage.retries());
            }
        }
        retryRow(html, "overall", r.overall().retries());
        html.append("</table>");
    }

    private static void retryRow(StringBuilder html, String scope, RetryReport t) {
        html.append("<tr><td>").append(esc(scope)).append("</td><td>").append(t.requests()).append("</td><td>")
                .append(t.attempts()).append("</td><td>").append(t.succeeded()).append("</td><td>")
                .append(t.errors().total()).append("</td><td>").append(t.interrupted()).append("</td><td>")
                .append(t.recoveryRate() == null ? "-" : fmt(t.recoveryRate() * 100) + "%").append("</td><td>")
                .append(t.userLatencyMs() == null ? "-" : fmt(t.userLatencyMs().p50())).append("</td><td>")
                .append(t.userLatencyMs() == null ? "-" : fmt(t.userLatencyMs().p99())).append("</td></tr>");
    }

    /** One table per request type, its stages as rows (columns as in the stage table). */
    static void stagesPerType(StringBuilder html, Map<String, List<Aggregate>> byType) {
        for (Map.Entry<String, List<Aggregate>> type : byType.entrySet()) {
            html.append("<h3>").append(esc(type.getKey())).append(" by stage</h3>");
            HtmlReport.tableHeader(html, "stage", "level");
            type.getValue().forEach(a -> HtmlReport.row(html, a));
            HtmlReport.tableEnd(html);
        }
    }

    private static String summary(ServerReport.Summary s) {
        if (s == null) {
            return "-";
        }
        if (s.increase() != null) {
            return "+" + num(s.increase());
        }
        boolean fraction = "fraction".equals(s.unit());
        return value(s.mean(), fraction) + " / " + value(s.max(), fraction);
    }

    private static String value(Double v, boolean fraction) {
        return v == null ? "-" : fraction ? fmt(v * 100) + "%" : num(v);
    }

    /** Whole numbers (queue lengths, counters, levels) without decimals. */
    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : fmt(v);
    }

    private static void costRow(StringBuilder html, CostFigures c) {
        html.append("<tr><td>").append(esc(c.name())).append("</td><td>").append(money(c.total())).append("</td><td>")
                .append(money(c.perRequest())).append("</td><td>").append(money(c.perMillionOutputTokens()))
                .append("</td></tr>");
    }

    private static void fact(StringBuilder html, String name, String value, String detail) {
        html.append("<tr><td>").append(esc(name)).append("</td><td>").append(esc(value)).append("</td><td>")
                .append(esc(detail)).append("</td></tr>");
    }

    /** Up to 6 significant digits, never scientific notation (prices per request are small). */
    static String money(Double v) {
        return v == null ? "-" : new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros()
                .toPlainString();
    }
}
