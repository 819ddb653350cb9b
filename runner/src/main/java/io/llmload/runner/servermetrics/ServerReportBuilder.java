package io.llmload.runner.servermetrics;

import io.llmload.runner.report.RunData;
import io.llmload.runner.report.StageInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Attributes scrapes to the run's measured stages by time and summarizes them. Alerts (seeds 001/003): KV cache
 * above 80 %, SM active above 85 %, more than 10 requests waiting, any preemption.
 */
public final class ServerReportBuilder {

    static final double KV_ALERT = 0.80;
    static final double SM_ALERT = 0.85;
    static final double WAITING_ALERT = 10;

    private ServerReportBuilder() {
    }

    /** Null when no scrape succeeded (the server exposes no metrics, or not where we looked). */
    public static ServerReport build(ServerScraper.Scrapes scrapes, RunData data) {
        if (scrapes.snapshots().isEmpty()) {
            return null;
        }
        List<ServerReport.Stage> stages = new ArrayList<>();
        List<ServerReport.Alert> alerts = new ArrayList<>();
        Instant stageStart = Instant.parse(data.startTime());
        ServerSnapshot before = null;
        for (StageInfo stage : data.stages()) {
            Instant stageEnd = stageStart.plusMillis(Math.round(stage.durationSeconds() * 1000));
            List<ServerSnapshot> inStage = new ArrayList<>();
            for (ServerScraper.TimedSnapshot s : scrapes.snapshots()) {
                if (s.at().isBefore(stageStart)) {
                    before = s.snapshot();
                } else if (s.at().isBefore(stageEnd)) {
                    inStage.add(s.snapshot());
                }
            }
            if (!stage.warmup() && !inStage.isEmpty()) {
                Map<String, ServerReport.Summary> metrics = summarize(inStage, before);
                stages.add(new ServerReport.Stage(stage.name(), metrics));
                alerts.addAll(alerts(stage.name(), metrics));
            }
            stageStart = stageEnd;
        }
        return new ServerReport(scrapes.source(), scrapes.snapshots().size(), scrapes.failures(), stages, alerts);
    }

    private static Map<String, ServerReport.Summary> summarize(List<ServerSnapshot> inStage, ServerSnapshot before) {
        Map<String, ServerReport.Summary> metrics = new LinkedHashMap<>();
        for (ServerMetric metric : ServerMetric.values()) {
            List<Double> values = new ArrayList<>();
            List<Double> maxima = new ArrayList<>();
            for (ServerSnapshot s : inStage) {
                s.reading(metric).ifPresent(r -> {
                    values.add(r.value());
                    maxima.add(r.max());
                });
            }
            if (values.isEmpty()) {
                continue;
            }
            if (metric.kind() == ServerMetric.Kind.COUNTER) {
                OptionalDouble start = before == null ? OptionalDouble.empty() : before.value(metric);
                double first = start.isPresent() ? start.getAsDouble() : values.get(0);
                // A counter that went down was reset (server restart): count from zero again.
                double last = values.get(values.size() - 1);
                double increase = last >= first ? last - first : last;
                metrics.put(key(metric), new ServerReport.Summary(null, null, round(increase), metric.unit()));
            } else {
                double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
                double max = maxima.stream().mapToDouble(Double::doubleValue).max().orElse(0);
                metrics.put(key(metric), new ServerReport.Summary(round(mean), round(max), null, metric.unit()));
            }
        }
        return metrics;
    }

    private static List<ServerReport.Alert> alerts(String stage, Map<String, ServerReport.Summary> m) {
        List<ServerReport.Alert> alerts = new ArrayList<>();
        check(alerts, stage, m.get(key(ServerMetric.KV_CACHE_USAGE)), "kvCacheUsage", KV_ALERT,
                "KV cache above 80%: new requests queue or preempt running ones");
        check(alerts, stage, m.get(key(ServerMetric.SM_ACTIVE)), "smActive", SM_ALERT,
                "GPU SM activity above 85%: compute-bound");
        check(alerts, stage, m.get(key(ServerMetric.WAITING)), "waiting", WAITING_ALERT,
                "more than 10 requests waiting: the server is queueing");
        ServerReport.Summary preemptions = m.get(key(ServerMetric.PREEMPTIONS_TOTAL));
        if (preemptions != null && preemptions.increase() > 0) {
            alerts.add(new ServerReport.Alert(stage, "preemptions", preemptions.increase(), 0,
                    "sequences preempted: the KV cache ran out"));
        }
        return alerts;
    }

    private static void check(List<ServerReport.Alert> alerts, String stage, ServerReport.Summary summary,
            String metric, double threshold, String message) {
        if (summary != null && summary.max() != null && summary.max() > threshold) {
            alerts.add(new ServerReport.Alert(stage, metric, summary.max(), threshold, message));
        }
    }

    /** KV_CACHE_USAGE → kvCacheUsage; counters drop their _TOTAL (preemptions, promptTokens...). */
    static String key(ServerMetric metric) {
        String[] words = metric.name().replace("_TOTAL", "").toLowerCase(Locale.ROOT).split("_");
        StringBuilder key = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            key.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return key.toString();
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
