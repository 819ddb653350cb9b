package io.llmload.runner.report;

import io.llmload.runner.slo.Capacity;
import io.llmload.runner.slo.Health;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.csv: one row per stage, per request type, per stage × request type (when there are several types) and
 * overall, for spreadsheets and CI dashboards. Run-level judgements (verdict, capacity, growth) sit in the overall
 * row; saturation, cost and the server's own metrics in the rows of their stage; cells that do not apply are empty.
 * New columns are only ever appended, so existing formulas keep their columns: the time-to-first-answer-token
 * columns ({@code ttfaMs_*}, empty when it equals TTFT) come last.
 */
final class CsvReport {

    private static final String[] METRICS = { "ttft", "itl", "tpot", "e2e" };
    private static final String[] PERCENTILES = { "p50", "p90", "p95", "p99", "max", "mean" };
    private static final List<String> JUDGEMENT = List.of("goodput", "ttftP99OverP50", "ttftHealth",
            "e2eP99OverP50", "e2eHealth", "usageMismatchRate", "inputTokens", "outputTokens", "costTotal",
            "costPerRequest", "costPerMillionOutputTokens", "verdict", "capacity", "capacityLevel", "saturation",
            "ttftP95Growth", "e2eP95Growth", "serverAlerts");

    /**
     * Requests cut by the end of the run: never in the latency columns, so their count, how long they had run (a
     * lower bound of their latency) and the error rate they are judged by when too many (last, so that the columns
     * before keep their places).
     */
    private static final List<String> INTERRUPTED = List.of("interrupted", "interruptedE2eLowerBoundMs_p50",
            "interruptedE2eLowerBoundMs_max", "interruptedTtftLowerBoundMs_p50", "interruptedTtftLowerBoundMs_max",
            "judgedErrorRate");

    private CsvReport() {
    }

    static String render(Report report) {
        CsvServerColumns server = CsvServerColumns.of(report.server());
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("scope", "name", "level", "durationSeconds", "requests",
                "succeeded", "errors", "rateLimited", "server", "client", "timeout", "connection", "protocol",
                "errorRate", "requestsPerSecond", "outputTokensPerSecond", "inputTokensPerSecond", "tier"));
        for (String m : METRICS) {
            for (String p : PERCENTILES) {
                header.add(m + "Ms_" + p);
            }
        }
        header.addAll(JUDGEMENT);
        header.addAll(server.header());
        for (String p : PERCENTILES) {
            header.add("ttfaMs_" + p);
        }
        header.addAll(INTERRUPTED);
        csv.append(String.join(",", header)).append('\n');
        for (Aggregate stage : report.stages()) {
            row(csv, "stage", stage.name(), stage, stageFacts(report, stage), server.values(stage.name()));
            // A ramp's judgement windows (each at the lowest level it held), right under their stage.
            if (stage.windows() != null) {
                for (Aggregate window : stage.windows()) {
                    row(csv, "rampWindow", window.name(), window, new Facts(), server.none());
                }
            }
        }
        for (Aggregate type : report.requestTypes()) {
            row(csv, "requestType", type.name(), type, new Facts(), server.none());
        }
        for (Map.Entry<String, List<Aggregate>> type : StageTypeBreakdown.of(report).entrySet()) {
            for (Aggregate stage : type.getValue()) {
                row(csv, "stageRequestType", stage.name() + "/" + type.getKey(), stage, new Facts(), server.none());
            }
        }
        row(csv, "overall", report.overall().name(), report.overall(), overallFacts(report), server.none());
        return csv.toString();
    }

    /** The judgement columns that come from outside the aggregate. */
    private static final class Facts {
        CostFigures cost;
        String verdict = "";
        String capacity = "";
        String capacityLevel = "";
        String saturation = "";
        String ttftGrowth = "";
        String e2eGrowth = "";
        String alerts = "";
    }

    private static Facts stageFacts(Report report, Aggregate stage) {
        Facts f = new Facts();
        if (report.cost() != null && report.cost().stages() != null) {
            f.cost = report.cost().stages().stream().filter(c -> stage.name().equals(c.name())).findFirst()
                    .orElse(null);
        }
        Capacity c = report.capacity();
        if (c != null && c.saturatedAt() != null && stage.name().equals(c.saturatedAt().stage())) {
            f.saturation = c.saturatedAt().reason();
        }
        f.alerts = CsvServerColumns.alerts(report.server(), stage.name());
        return f;
    }

    private static Facts overallFacts(Report report) {
        Facts f = new Facts();
        f.cost = report.cost() == null ? null : report.cost().overall();
        f.verdict = report.verdict() == null ? "" : report.verdict();
        Capacity c = report.capacity();
        if (c != null) {
            f.capacity = c.summary();
            f.capacityLevel = c.maxUsersAtSlo() != null ? Integer.toString(c.maxUsersAtSlo())
                    : c.maxRateAtSlo() != null ? num(c.maxRateAtSlo()) : "";
            f.saturation = c.saturatedAt() == null ? "" : c.saturatedAt().stage() + ": " + c.saturatedAt().reason();
            f.ttftGrowth = c.ttftP95Growth() == null ? "" : c.ttftP95Growth();
            f.e2eGrowth = c.e2eP95Growth() == null ? "" : c.e2eP95Growth();
        }
        return f;
    }

    private static void row(StringBuilder csv, String scope, String name, Aggregate a, Facts f,
            List<String> serverValues) {
        List<String> cells = new ArrayList<>(List.of(scope, quote(name), a.level() == null ? "" : num(a.level()),
                num(a.durationSeconds()), Long.toString(a.requests()), Long.toString(a.succeeded()),
                Long.toString(a.errors().total()), Long.toString(a.errors().rateLimited()),
                Long.toString(a.errors().server()), Long.toString(a.errors().client()),
                Long.toString(a.errors().timeout()), Long.toString(a.errors().connection()),
                Long.toString(a.errors().protocol()), num(a.errorRate()), num(a.requestsPerSecond()),
                num(a.outputTokensPerSecond()), num(a.inputTokensPerSecond()), a.tier() == null ? "" : a.tier()));
        for (String m : METRICS) {
            Percentiles p = a.latency(m);
            for (String percentile : PERCENTILES) {
                cells.add(p == null ? "" : num(p.at(percentile)));
            }
        }
        Health h = a.health();
        cells.add(opt(a.goodput()));
        cells.add(h == null ? "" : opt(h.ttftP99OverP50()));
        cells.add(h == null || h.ttftBand() == null ? "" : h.ttftBand());
        cells.add(h == null ? "" : opt(h.e2eP99OverP50()));
        cells.add(h == null || h.e2eBand() == null ? "" : h.e2eBand());
        cells.add(opt(a.usageMismatchRate()));
        cells.add(Long.toString(a.inputTokens()));
        cells.add(Long.toString(a.outputTokens()));
        cells.add(f.cost == null ? "" : num(f.cost.total()));
        cells.add(f.cost == null ? "" : opt(f.cost.perRequest()));
        cells.add(f.cost == null ? "" : opt(f.cost.perMillionOutputTokens()));
        for (String text : List.of(f.verdict, f.capacity, f.capacityLevel, f.saturation, f.ttftGrowth, f.e2eGrowth,
                f.alerts)) {
            cells.add(quote(text));
        }
        cells.addAll(serverValues);
        for (String percentile : PERCENTILES) {
            cells.add(a.ttfaMs() == null ? "" : num(a.ttfaMs().at(percentile)));
        }
        cells.add(Long.toString(a.interrupted()));
        for (Percentiles bound : Arrays.asList(a.interruptedE2eLowerBoundMs(), a.interruptedTtftLowerBoundMs())) {
            cells.add(bound == null ? "" : num(bound.p50()));
            cells.add(bound == null ? "" : num(bound.max()));
        }
        cells.add(opt(a.judgedErrorRate()));
        csv.append(String.join(",", cells)).append('\n');
    }

    private static String opt(Double v) {
        return v == null ? "" : num(v);
    }

    /** RFC 4180: a field with a comma, quote, line feed or carriage return is quoted, its quotes doubled. */
    static String quote(String s) {
        boolean needsQuotes = s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r");
        return needsQuotes ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "");
    }
}
