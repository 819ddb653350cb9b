package io.llmload.runner.report.chart;

import io.llmload.runner.report.Aggregate;
import io.llmload.runner.report.Percentiles;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.chart.Chart.Axis;
import io.llmload.runner.report.chart.Chart.Marker;
import io.llmload.runner.report.chart.Chart.Rule;
import io.llmload.runner.report.chart.Chart.RuleKind;
import io.llmload.runner.report.chart.Chart.Style;
import io.llmload.runner.slo.Capacity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Latency and throughput against the load level, one point per measured stage (whole-stage percentiles), with the
 * SLO lines, the capacity point (the highest level at SLO, marked on the p95 curve) and the saturation point.
 */
final class LoadCharts {

    private LoadCharts() {
    }

    static List<Chart> of(Report report) {
        List<Aggregate> stages = new ArrayList<>(report.stages().stream()
                .filter(s -> s.level() != null && s.requests() > 0).toList());
        // By level, so the line runs left to right; stages of equal level (a spike coming back) keep run order.
        stages.sort(Comparator.comparingDouble(Aggregate::level));
        if (stages.isEmpty()) {
            return List.of();
        }
        String unit = stages.get(0).levelUnit() == null ? "" : stages.get(0).levelUnit();
        Axis x = Axis.linear("load level", unit);
        List<Rule> capacity = capacityRules(report.capacity(), unit);
        String note = report.capacity() == null ? null : "Capacity: " + report.capacity().summary() + ".";
        List<Optional<Chart>> charts = new ArrayList<>();
        for (Latencies latency : Latencies.values()) {
            Function<Aggregate, Percentiles> of = a -> a.latency(latency.key);
            ChartBuilder chart = ChartBuilder.chart(latency.key + "-load", latency.title + " vs load").x(x)
                    .y(latency.key.toUpperCase() + " (whole stage)", "ms").note(note)
                    .series("p50", stages, Aggregate::level, at(of, Percentiles::p50), Style.POINTS, false)
                    .series("p95", stages, Aggregate::level, at(of, Percentiles::p95), Style.POINTS, true)
                    .series("p99", stages, Aggregate::level, at(of, Percentiles::p99), Style.POINTS, false)
                    .rules(SloRules.of(report, latency.key)).rules(capacity);
            capacityStage(report, stages).ifPresent(s -> {
                Percentiles p = of.apply(s);
                if (p != null) {
                    chart.marker(new Marker(s.level(), p.p95(), "p95 at capacity"));
                }
            });
            charts.add(chart.build());
        }
        charts.add(ChartBuilder.chart("throughput-load", "Throughput vs load").x(x).y("requests", "req/s").note(note)
                .series("req/s", stages, Aggregate::level, Aggregate::requestsPerSecond, Style.POINTS, true)
                // Dashed: where every request met the SLO it runs on top of req/s.
                .series("goodput (within every SLO)", stages, Aggregate::level, Aggregate::goodput, Style.DASHED,
                        false)
                .rules(capacity).build());
        charts.add(ChartBuilder.chart("tokens-load", "Output tokens per second vs load").x(x)
                .y("output tokens", "tok/s").note(note)
                .series("output tok/s", stages, Aggregate::level, Aggregate::outputTokensPerSecond, Style.POINTS,
                        true)
                .rules(capacity).build());
        return charts.stream().flatMap(Optional::stream).toList();
    }

    private static Function<Aggregate, Double> at(Function<Aggregate, Percentiles> metric,
            Function<Percentiles, Double> percentile) {
        return a -> {
            Percentiles p = metric.apply(a);
            return p == null ? null : percentile.apply(p);
        };
    }

    private static List<Rule> capacityRules(Capacity c, String unit) {
        List<Rule> rules = new ArrayList<>();
        if (c == null) {
            return rules;
        }
        Double level = c.maxUsersAtSlo() != null ? Double.valueOf(c.maxUsersAtSlo()) : c.maxRateAtSlo();
        if (level != null) {
            rules.add(Rule.vertical(level, "capacity " + num(level) + " " + unit, RuleKind.CAPACITY));
        }
        if (c.saturatedAt() != null) {
            rules.add(Rule.vertical(c.saturatedAt().level(), "saturation " + num(c.saturatedAt().level()) + " "
                    + unit, RuleKind.SATURATION));
        }
        return rules;
    }

    private static Optional<Aggregate> capacityStage(Report report, List<Aggregate> stages) {
        String name = report.capacity() == null ? null : report.capacity().stageAtSlo();
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
