package io.llmload.runner.compare;

import io.llmload.runner.report.Aggregate;
import io.llmload.runner.report.Report;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run's overall figures as regression limits read them: every judged {@link Metric} by its key (what
 * {@code llmload compare} shows in its overall block) and {@link #CAPACITY}, the level held at SLO. The stage levels
 * let a capacity change be counted in steps of the test's own ladder ("-1 level").
 *
 * @param values metric key → value; a metric the run did not measure (TTFT without streaming) is absent
 * @param levelUnit "users" (closed model) or "req/s" (open model); null when unknown
 * @param levels the distinct levels of the measured stages, ascending
 */
public record RunFigures(Map<String, Double> values, String levelUnit, List<Double> levels) {

    /** The key of the capacity level: the highest stage level at SLO, 0 when no stage met the SLO. */
    public static final String CAPACITY = "capacity";

    public RunFigures {
        values = Map.copyOf(values);
        levels = levels == null ? List.of() : List.copyOf(levels);
    }

    public static RunFigures of(Report report) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Metric metric : Metric.values()) {
            if (metric.direction() == Direction.NEUTRAL) {
                continue;
            }
            Double value = metric == Metric.COST_PER_MILLION_OUTPUT_TOKENS ? ReportComparator.overallCost(report)
                    : metric.read(report.overall());
            if (value != null) {
                values.put(metric.key(), value);
            }
        }
        if (report.capacity() != null) {
            values.put(CAPACITY, ReportComparator.level(report.capacity()));
        }
        List<Double> levels = report.stages() == null ? List.of() : report.stages().stream()
                .filter(s -> s.requests() > 0).map(Aggregate::level).filter(Objects::nonNull).distinct().sorted()
                .toList();
        return new RunFigures(values, ReportComparator.levelUnit(report), levels);
    }

    public Double value(String key) {
        return values.get(key);
    }
}
