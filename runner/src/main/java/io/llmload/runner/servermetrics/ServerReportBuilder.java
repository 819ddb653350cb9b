package io.llmload.runner.servermetrics;

import io.llmload.runner.report.RunData;
import io.llmload.runner.report.StageInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Attributes scrapes to the run's measured stages by time and summarizes them. Alerts (seeds 001/003): KV cache
 * above 80 %, SM active above 85 %, more than 10 requests waiting, any preemption.
 */
public final class ServerReportBuilder {

    public static final double KV_ALERT = 0.80;
    public static final double SM_ALERT = 0.85;
    public static final double WAITING_ALERT = 10;

    public static final String PROMPT_TOKENS_PER_SECOND = "promptTokensPerSecond";
    public static final String GENERATION_TOKENS_PER_SECOND = "generationTokensPerSecond";

    private ServerReportBuilder() {
    }

    /** A stage's time window. */
    private record Window(String name, Instant start, Instant end, boolean warmup) {
        boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    /** Null when no scrape succeeded (the server exposes no metrics, or not where we looked). */
    public static ServerReport build(Scrapes scrapes, RunData data) {
        if (scrapes.snapshots().isEmpty()) {
            return null;
        }
        Instant runStart = Instant.parse(data.startTime());
        List<Window> windows = windows(data, runStart);
        List<ServerReport.Stage> stages = new ArrayList<>();
        List<ServerReport.Alert> alerts = new ArrayList<>();
        Instant measuredStart = null;
        Instant measuredEnd = null;
        for (Window w : windows) {
            if (w.warmup()) {
                continue;
            }
            measuredStart = measuredStart == null ? w.start() : measuredStart;
            measuredEnd = w.end();
            ServerReport.Stage stage = summarize(w.name(), scrapes.snapshots(), w.start(), w.end());
            if (stage != null) {
                stages.add(stage);
                alerts.addAll(alerts(stage.name(), stage.metrics()));
            }
        }
        ServerReport.Stage overall = measuredStart == null ? null
                : summarize("overall", scrapes.snapshots(), measuredStart, measuredEnd);
        return new ServerReport(scrapes.source(), scrapes.snapshots().size(), scrapes.failures(), overall, stages,
                alerts, timeline(scrapes.snapshots(), windows, runStart));
    }

    private static List<Window> windows(RunData data, Instant runStart) {
        List<Window> windows = new ArrayList<>();
        Instant start = runStart;
        for (StageInfo stage : data.stages()) {
            Instant end = start.plusMillis(Math.round(stage.durationSeconds() * 1000));
            windows.add(new Window(stage.name(), start, end, stage.warmup()));
            start = end;
        }
        return windows;
    }

    /**
     * The scrapes inside [start, end) summarized; the last scrape before start is the counters' base. Null when no
     * scrape fell inside.
     */
    private static ServerReport.Stage summarize(String name, List<TimedSnapshot> all, Instant start, Instant end) {
        TimedSnapshot before = null;
        List<TimedSnapshot> inside = new ArrayList<>();
        for (TimedSnapshot s : all) {
            if (s.at().isBefore(start)) {
                before = s;
            } else if (s.at().isBefore(end)) {
                inside.add(s);
            }
        }
        if (inside.isEmpty()) {
            return null;
        }
        Map<String, ServerReport.Summary> metrics = new LinkedHashMap<>();
        for (ServerMetric metric : ServerMetric.values()) {
            ServerReport.Summary summary = metric.kind() == ServerMetric.Kind.COUNTER
                    ? counter(metric, inside, before) : gauge(metric, inside);
            if (summary != null) {
                metrics.put(key(metric), summary);
            }
        }
        TimedSnapshot first = before != null ? before : inside.get(0);
        double seconds = Duration.between(first.at(), inside.get(inside.size() - 1).at()).toMillis() / 1000.0;
        return new ServerReport.Stage(name, metrics,
                ratio(metrics.get(key(ServerMetric.PREFIX_CACHE_HITS_TOTAL)),
                        metrics.get(key(ServerMetric.PREFIX_CACHE_QUERIES_TOTAL))),
                perSecond(metrics.get(key(ServerMetric.PROMPT_TOKENS_TOTAL)), seconds),
                perSecond(metrics.get(key(ServerMetric.GENERATION_TOKENS_TOTAL)), seconds));
    }

    private static ServerReport.Summary gauge(ServerMetric metric, List<TimedSnapshot> inside) {
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (TimedSnapshot s : inside) {
            Reading r = s.snapshot().reading(metric).orElse(null);
            if (r != null) {
                sum += r.value();
                // Summed metrics peak at their sum; per-GPU ones at the hottest GPU (their mean is the headline).
                max = Math.max(max, metric.aggregation() == ServerMetric.Aggregation.SUM ? r.value() : r.max());
                n++;
            }
        }
        return n == 0 ? null : new ServerReport.Summary(round(sum / n), round(max), null, metric.unit());
    }

    private static ServerReport.Summary counter(ServerMetric metric, List<TimedSnapshot> inside, TimedSnapshot before) {
        CounterIncrease increase = new CounterIncrease(metric);
        if (before != null) {
            increase.next(before.snapshot());
        }
        boolean present = false;
        double total = 0;
        for (TimedSnapshot s : inside) {
            present |= s.snapshot().has(metric);
            total += increase.next(s.snapshot());
        }
        return present ? new ServerReport.Summary(null, null, round(total), metric.unit()) : null;
    }

    /** Hits / queries, when there were queries. */
    private static Double ratio(ServerReport.Summary hits, ServerReport.Summary queries) {
        if (hits == null || queries == null || !(queries.increase() > 0)) {
            return null;
        }
        return round(hits.increase() / queries.increase());
    }

    private static Double perSecond(ServerReport.Summary counter, double seconds) {
        return counter == null || !(seconds > 0) ? null : round(counter.increase() / seconds);
    }

    /** Every scrape's gauges, and the token rates since the scrape before it. */
    private static List<ServerReport.Point> timeline(List<TimedSnapshot> all, List<Window> windows, Instant runStart) {
        List<ServerReport.Point> points = new ArrayList<>();
        CounterIncrease prompt = new CounterIncrease(ServerMetric.PROMPT_TOKENS_TOTAL);
        CounterIncrease generation = new CounterIncrease(ServerMetric.GENERATION_TOKENS_TOTAL);
        TimedSnapshot previous = null;
        for (TimedSnapshot s : all) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (ServerMetric metric : ServerMetric.values()) {
                if (metric.kind() == ServerMetric.Kind.GAUGE) {
                    s.snapshot().value(metric).ifPresent(v -> values.put(key(metric), round(v)));
                }
            }
            double promptGrew = prompt.next(s.snapshot());
            double generationGrew = generation.next(s.snapshot());
            if (previous != null) {
                double seconds = Duration.between(previous.at(), s.at()).toMillis() / 1000.0;
                rate(values, PROMPT_TOKENS_PER_SECOND, ServerMetric.PROMPT_TOKENS_TOTAL, promptGrew, seconds, s);
                rate(values, GENERATION_TOKENS_PER_SECOND, ServerMetric.GENERATION_TOKENS_TOTAL, generationGrew,
                        seconds, s);
            }
            String stage = windows.stream().filter(w -> w.contains(s.at())).map(Window::name).findFirst().orElse(null);
            points.add(new ServerReport.Point(Duration.between(runStart, s.at()).toMillis() / 1000.0, stage, values));
            previous = s;
        }
        return points;
    }

    private static void rate(Map<String, Double> values, String key, ServerMetric counter, double grew,
            double seconds, TimedSnapshot at) {
        if (seconds > 0 && at.snapshot().has(counter)) {
            values.put(key, round(grew / seconds));
        }
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
    public static String key(ServerMetric metric) {
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
