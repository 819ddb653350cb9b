package io.llmload.runner.report.chart;

import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.report.chart.Chart.Band;
import io.llmload.runner.report.chart.Chart.Rule;
import io.llmload.runner.report.chart.Chart.RuleKind;
import io.llmload.runner.servermetrics.ServerMetric;
import io.llmload.runner.servermetrics.ServerReport;
import io.llmload.runner.servermetrics.ServerReportBuilder;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The server's own view over time, from the scrapes in {@code server.timeline[]}: KV cache, running and waiting
 * requests, server-side token rates and GPU metrics, each with its alert threshold. A metric the server did not
 * expose has no series, a chart without any series is left out, and so is everything without a server section.
 */
final class ServerCharts {

    private ServerCharts() {
    }

    static List<Chart> of(Report report, List<Band> bands) {
        if (report.server() == null) {
            return List.of();
        }
        ServerReport server = ReportFiles.mapper().convertValue(report.server(), ServerReport.class);
        List<ServerReport.Point> t = server.timeline() == null ? List.of() : server.timeline();
        return Stream.of(
                chart("server-kv-cache", "Server KV cache usage", "KV cache used", "%", bands)
                        .headline("KV cache", t, ServerReport.Point::offsetSeconds,
                                percent(ServerMetric.KV_CACHE_USAGE))
                        .rule(Rule.horizontal(ServerReportBuilder.KV_ALERT * 100, "alert 80%", RuleKind.ALERT)),
                chart("server-queue", "Server requests running and waiting", "requests", "requests", bands)
                        .series("running", t, ServerReport.Point::offsetSeconds, gauge(ServerMetric.RUNNING))
                        .headline("waiting", t, ServerReport.Point::offsetSeconds, gauge(ServerMetric.WAITING))
                        .rule(Rule.horizontal(ServerReportBuilder.WAITING_ALERT, "alert: more than 10 waiting",
                                RuleKind.ALERT)),
                chart("server-tokens", "Server token throughput", "tokens", "tok/s", bands)
                        .headline("generation", t, ServerReport.Point::offsetSeconds,
                                value(ServerReportBuilder.GENERATION_TOKENS_PER_SECOND))
                        .series("prompt", t, ServerReport.Point::offsetSeconds,
                                value(ServerReportBuilder.PROMPT_TOKENS_PER_SECOND)),
                chart("gpu-util", "GPU utilisation", "utilisation", "%", bands)
                        .headline("GPU util", t, ServerReport.Point::offsetSeconds, gauge(ServerMetric.GPU_UTIL))
                        .series("SM active", t, ServerReport.Point::offsetSeconds, percent(ServerMetric.SM_ACTIVE))
                        .rule(Rule.horizontal(ServerReportBuilder.SM_ALERT * 100, "alert: SM active 85%",
                                RuleKind.ALERT)),
                chart("gpu-power", "GPU power", "power", "W", bands)
                        .headline("power", t, ServerReport.Point::offsetSeconds, gauge(ServerMetric.POWER_USAGE)),
                chart("gpu-memory", "GPU frame-buffer memory used", "memory", "MiB", bands)
                        .headline("FB used", t, ServerReport.Point::offsetSeconds, gauge(ServerMetric.FB_USED)))
                .map(ChartBuilder::build).flatMap(Optional::stream).toList();
    }

    private static ChartBuilder chart(String id, String title, String yLabel, String unit, List<Band> bands) {
        return ChartBuilder.chart(id, title).y(yLabel, unit).bands(bands)
                .note("Scraped from the server's metrics endpoint during the run.");
    }

    private static Function<ServerReport.Point, Double> value(String key) {
        return p -> p.values() == null ? null : p.values().get(key);
    }

    private static Function<ServerReport.Point, Double> gauge(ServerMetric metric) {
        return value(ServerReportBuilder.key(metric));
    }

    /** A 0..1 fraction shown in %. */
    private static Function<ServerReport.Point, Double> percent(ServerMetric metric) {
        return p -> {
            Double v = gauge(metric).apply(p);
            return v == null ? null : v * 100;
        };
    }
}
