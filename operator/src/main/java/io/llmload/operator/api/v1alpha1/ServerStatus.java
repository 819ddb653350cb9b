package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.llmload.operator.status.StatusLimits;
import io.llmload.runner.servermetrics.ServerMetric;
import io.llmload.runner.servermetrics.ServerReport;
import io.llmload.runner.servermetrics.ServerReportBuilder;
import java.util.List;

/**
 * The inference server's own view of the whole run (measured stages, warmup excluded), compact: the full per-stage
 * figures and timeline are in the report ConfigMap ({@code server}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerStatus(
        @JsonPropertyDescription("Where the metrics came from: URLs, pod selector or Prometheus.") String source,
        @JsonPropertyDescription("Scrapes (or Prometheus steps) collected.") Integer scrapes,
        @JsonPropertyDescription("KV-cache usage in percent (the fullest pod).") ServerGauge kvCacheUsagePercent,
        @JsonPropertyDescription("Requests waiting in the server's queue (all pods).") ServerGauge waiting,
        @JsonPropertyDescription("Requests running in the server's batches (all pods).") ServerGauge running,
        @JsonPropertyDescription("GPU utilization in percent (DCGM; mean per GPU, max of the hottest).") ServerGauge gpuUtilPercent,
        @JsonPropertyDescription("GPU frame-buffer memory used in MiB (DCGM; per GPU).") ServerGauge fbUsedMiB,
        @JsonPropertyDescription("GPU power draw in watts (DCGM; per GPU).") ServerGauge powerWatts,
        @JsonPropertyDescription("SM active in percent (DCGM profiling; per GPU).") ServerGauge smActivePercent,
        @JsonPropertyDescription("Prefix-cache hits / queries in percent (tokens).") Double prefixCacheHitPercent,
        @JsonPropertyDescription("Prompt tokens the server processed per second.") Double promptTokensPerSecond,
        @JsonPropertyDescription("Tokens the server generated per second.") Double generationTokensPerSecond,
        @Size(max = StatusLimits.ALERTS)
        @JsonPropertyDescription("Warning signs per stage: KV cache > 80%, SM active > 85%, waiting > 10, preemptions.")
        List<ServerAlertStatus> alerts) {

    /** The same section with other alerts (the status shows a bounded number). */
    public ServerStatus withAlerts(List<ServerAlertStatus> shown) {
        return new ServerStatus(source, scrapes, kvCacheUsagePercent, waiting, running, gpuUtilPercent, fbUsedMiB,
                powerWatts, smActivePercent, prefixCacheHitPercent, promptTokensPerSecond, generationTokensPerSecond,
                shown);
    }

    /** Mean and max of a gauge over the measured stages' scrapes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServerGauge(
            @JsonPropertyDescription("Mean over the scrapes.") Double mean,
            @JsonPropertyDescription("Highest value seen.") Double max) {
    }

    /** One alert; KV-cache and SM values in percent, like the gauges above. */
    public record ServerAlertStatus(
            @JsonPropertyDescription("Stage it was seen in.") String stage,
            @JsonPropertyDescription("kvCacheUsage, smActive, waiting or preemptions.") String metric,
            @JsonPropertyDescription("Observed: the stage's max (preemptions: their number).") Double observed,
            @JsonPropertyDescription("The threshold it crossed.") Double threshold,
            @JsonPropertyDescription("What it means.") String message) {
    }

    /** From report.json's server section; null without one. */
    public static ServerStatus of(Object server) {
        if (!(server instanceof ServerReport report)) {
            return null;
        }
        ServerReport.Stage o = report.overall();
        List<ServerAlertStatus> alerts = report.alerts().stream()
                .map(a -> new ServerAlertStatus(a.stage(), a.metric(), scaled(a.metric(), a.observed()),
                        scaled(a.metric(), a.threshold()), a.message()))
                .toList();
        return new ServerStatus(report.source(), report.scrapes(),
                gauge(o, ServerMetric.KV_CACHE_USAGE, 100), gauge(o, ServerMetric.WAITING, 1),
                gauge(o, ServerMetric.RUNNING, 1), gauge(o, ServerMetric.GPU_UTIL, 1),
                gauge(o, ServerMetric.FB_USED, 1), gauge(o, ServerMetric.POWER_USAGE, 1),
                gauge(o, ServerMetric.SM_ACTIVE, 100),
                o == null || o.prefixCacheHitRate() == null ? null : round(o.prefixCacheHitRate() * 100),
                o == null ? null : o.promptTokensPerSecond(), o == null ? null : o.generationTokensPerSecond(),
                alerts);
    }

    private static ServerGauge gauge(ServerReport.Stage overall, ServerMetric metric, double scale) {
        ServerReport.Summary s = overall == null ? null : overall.metrics().get(ServerReportBuilder.key(metric));
        if (s == null || s.mean() == null) {
            return null;
        }
        return new ServerGauge(round(s.mean() * scale), round(s.max() * scale));
    }

    private static double scaled(String metric, double value) {
        boolean fraction = metric.equals(ServerReportBuilder.key(ServerMetric.KV_CACHE_USAGE))
                || metric.equals(ServerReportBuilder.key(ServerMetric.SM_ACTIVE));
        return round(fraction ? value * 100 : value);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
