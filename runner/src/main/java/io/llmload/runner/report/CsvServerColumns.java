package io.llmload.runner.report;

import io.llmload.runner.servermetrics.ServerReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * report.csv's server columns: one per metric and statistic the server reported in any stage
 * ({@code server_kvCacheUsage_mean}, {@code server_kvCacheUsage_max}, {@code server_preemptions_increase}...), so
 * each stage stays one spreadsheet row. No columns when the report has no {@code server} section.
 */
final class CsvServerColumns {

    private static final String INCREASE = "increase";

    /** Column suffixes per metric key, in first-seen order. */
    private final Map<String, List<String>> columns;
    private final ServerReport server;

    private CsvServerColumns(ServerReport server, Map<String, List<String>> columns) {
        this.server = server;
        this.columns = columns;
    }

    static CsvServerColumns of(Object section) {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        ServerReport server = read(section);
        if (server != null && server.stages() != null) {
            for (ServerReport.Stage stage : server.stages()) {
                stage.metrics().forEach((key, s) -> columns.putIfAbsent(key,
                        s.increase() != null ? List.of(INCREASE) : List.of("mean", "max")));
            }
        }
        return new CsvServerColumns(server, columns);
    }

    List<String> header() {
        List<String> header = new ArrayList<>();
        columns.forEach((key, stats) -> stats.forEach(stat -> header.add("server_" + key + "_" + stat)));
        return header;
    }

    List<String> values(String stageName) {
        ServerReport.Stage stage = server == null || server.stages() == null ? null : server.stages().stream()
                .filter(s -> stageName.equals(s.name())).findFirst().orElse(null);
        if (stage == null) {
            return none();
        }
        List<String> values = new ArrayList<>();
        columns.forEach((key, stats) -> {
            ServerReport.Summary s = stage.metrics().get(key);
            for (String stat : stats) {
                Double v = s == null ? null : stat.equals(INCREASE) ? s.increase() : stat.equals("mean") ? s.mean()
                        : s.max();
                values.add(v == null ? "" : CsvReport.num(v));
            }
        });
        return values;
    }

    List<String> none() {
        return Collections.nCopies(header().size(), "");
    }

    /** The stage's alerts as "metric observed > threshold" joined by "; ". */
    static String alerts(Object section, String stageName) {
        ServerReport server = read(section);
        if (server == null || server.alerts() == null) {
            return "";
        }
        return server.alerts().stream().filter(a -> stageName.equals(a.stage()))
                .map(a -> a.metric() + " " + CsvReport.num(a.observed()) + " > " + CsvReport.num(a.threshold()))
                .collect(Collectors.joining("; "));
    }

    private static ServerReport read(Object section) {
        return section == null ? null : ReportFiles.mapper().convertValue(section, ServerReport.class);
    }
}
