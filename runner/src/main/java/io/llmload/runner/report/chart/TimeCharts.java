package io.llmload.runner.report.chart;

import io.llmload.runner.metrics.ErrorClass;
import io.llmload.runner.report.IntervalPercentiles;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.TimelinePoint;
import io.llmload.runner.report.chart.Chart.Band;
import io.llmload.runner.slo.Capacity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The client's view over time, one point per timeline interval: TTFT / ITL / E2E p50, p95, p99 with the SLO lines,
 * requests/s, output tokens/s, errors/s by class, and the load level — all shaded by stage.
 */
final class TimeCharts {

    private TimeCharts() {
    }

    static List<Chart> of(Report report, List<Band> bands) {
        List<TimelinePoint> timeline = report.timeline() == null ? List.of() : report.timeline();
        List<Interval> intervals = Interval.of(timeline);
        List<Optional<Chart>> charts = new ArrayList<>();
        for (Latencies latency : Latencies.values()) {
            charts.add(ChartBuilder.chart(latency.key + "-time", latency.title + " per interval")
                    .y(latency.key.toUpperCase() + " per interval", "ms").bands(bands)
                    .series("p50", timeline, TimelinePoint::offsetSeconds, at(latency, IntervalPercentiles::p50))
                    .headline("p95", timeline, TimelinePoint::offsetSeconds, latency::p95)
                    .series("p99", timeline, TimelinePoint::offsetSeconds, at(latency, IntervalPercentiles::p99))
                    .rules(SloRules.of(report, latency.key))
                    .build());
        }
        charts.add(ChartBuilder.chart("requests-time", "Requests per second").y("completed requests", "req/s")
                .bands(bands)
                .headline("req/s", timeline, TimelinePoint::offsetSeconds, TimelinePoint::requestsPerSecond)
                .build());
        charts.add(ChartBuilder.chart("tokens-time", "Output tokens per second").y("output tokens", "tok/s")
                .bands(bands)
                .headline("output tok/s", timeline, TimelinePoint::offsetSeconds, TimelinePoint::outputTokensPerSecond)
                .build());
        charts.add(errors(intervals, bands));
        charts.add(level(report, timeline, bands));
        return charts.stream().flatMap(Optional::stream).toList();
    }

    private static Function<TimelinePoint, Double> at(Latencies latency,
            Function<IntervalPercentiles, Double> which) {
        return p -> {
            IntervalPercentiles i = latency.interval.apply(p);
            return i == null ? null : which.apply(i);
        };
    }

    /** All errors per second, and each class that occurred (reports of older versions have the total only). */
    private static Optional<Chart> errors(List<Interval> intervals, List<Band> bands) {
        ChartBuilder chart = ChartBuilder.chart("errors-time", "Errors per second, by class").y("errors", "errors/s")
                .bands(bands)
                .headline("all classes", intervals, Interval::offset, i -> i.perSecond(i.point().errors()));
        for (ErrorClass c : ErrorClass.values()) {
            boolean occurred = intervals.stream().anyMatch(i -> i.errors(c) > 0);
            if (occurred) {
                chart.series(c.key(), intervals, Interval::offset, i -> i.perSecond(i.errors(c)));
            }
        }
        return chart.build();
    }

    /** Users (closed model) with the requests in flight, or the arrival rate (open model). */
    private static Optional<Chart> level(Report report, List<TimelinePoint> timeline, List<Band> bands) {
        Object unit = report.run() == null ? null : report.run().get("levelUnit");
        boolean users = Capacity.USERS.equals(unit);
        ChartBuilder chart = ChartBuilder.chart("level-time", "Load level").y("load", users ? "users" : "req/s")
                .bands(bands)
                .headline(users ? "users" : "arrival rate", timeline, TimelinePoint::offsetSeconds,
                        p -> p.level());
        if (users) {
            // In flight and users share the unit: a closed-model user has at most one request in flight.
            chart.series("in flight", timeline, TimelinePoint::offsetSeconds, p -> (double) p.inFlight());
        }
        return chart.build();
    }

    /** A timeline point with the length of its interval (the first one runs from the start). */
    private record Interval(TimelinePoint point, double seconds) {

        static List<Interval> of(List<TimelinePoint> timeline) {
            List<Interval> intervals = new ArrayList<>(timeline.size());
            double previous = 0;
            for (TimelinePoint p : timeline) {
                intervals.add(new Interval(p, Math.max(1e-3, p.offsetSeconds() - previous)));
                previous = p.offsetSeconds();
            }
            return intervals;
        }

        double offset() {
            return point.offsetSeconds();
        }

        long errors(ErrorClass c) {
            return point.errorsByClass() == null ? 0 : point.errorsByClass().getOrDefault(c.key(), 0L);
        }

        Double perSecond(long count) {
            return count / seconds;
        }
    }
}
