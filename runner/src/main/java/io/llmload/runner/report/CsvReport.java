package io.llmload.runner.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** report.csv: one row per stage, per request type and overall, for spreadsheets and CI dashboards. */
final class CsvReport {

    private static final String[] METRICS = { "ttft", "itl", "tpot", "e2e" };
    private static final String[] PERCENTILES = { "p50", "p90", "p95", "p99", "max", "mean" };

    private CsvReport() {
    }

    static String render(Report report) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("scope", "name", "level", "durationSeconds", "requests",
                "succeeded", "errors", "rateLimited", "server", "client", "timeout", "connection", "protocol",
                "errorRate", "requestsPerSecond", "outputTokensPerSecond", "inputTokensPerSecond", "tier"));
        for (String m : METRICS) {
            for (String p : PERCENTILES) {
                header.add(m + "Ms_" + p);
            }
        }
        csv.append(String.join(",", header)).append('\n');
        for (Aggregate stage : report.stages()) {
            row(csv, "stage", stage);
        }
        for (Aggregate type : report.requestTypes()) {
            row(csv, "requestType", type);
        }
        row(csv, "overall", report.overall());
        return csv.toString();
    }

    private static void row(StringBuilder csv, String scope, Aggregate a) {
        List<String> cells = new ArrayList<>(List.of(scope, quote(a.name()), a.level() == null ? "" : num(a.level()),
                num(a.durationSeconds()), Long.toString(a.requests()), Long.toString(a.succeeded()),
                Long.toString(a.errors().total()), Long.toString(a.errors().rateLimited()),
                Long.toString(a.errors().server()), Long.toString(a.errors().client()),
                Long.toString(a.errors().timeout()), Long.toString(a.errors().connection()),
                Long.toString(a.errors().protocol()), num(a.errorRate()), num(a.requestsPerSecond()),
                num(a.outputTokensPerSecond()), num(a.inputTokensPerSecond()), a.tier() == null ? "" : a.tier()));
        for (String m : METRICS) {
            Percentiles p = a.latency(m);
            for (String name : PERCENTILES) {
                cells.add(p == null ? "" : num(p.at(name)));
            }
        }
        csv.append(String.join(",", cells)).append('\n');
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "");
    }
}
