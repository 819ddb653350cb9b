package io.llmload.runner.regression;

import io.llmload.runner.compare.RunFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Judges a run against a baseline, limit by limit. The one engine behind {@code spec.regression} (the operator,
 * with a baseline from the run history) and {@code llmload compare --fail-on} (report A is the baseline).
 */
public final class RegressionJudge {

    private RegressionJudge() {
    }

    public static RegressionResult judge(List<Limit> limits, Baseline baseline, RunFigures observed) {
        if (!baseline.available()) {
            return new RegressionResult(RegressionResult.Outcome.INSUFFICIENT_HISTORY, null, List.of(), List.of(),
                    "not judged for regression: " + baseline.insufficientHistory());
        }
        List<RegressionRow> rows = new ArrayList<>();
        for (Limit limit : limits) {
            rows.add(row(limit, baseline.figures(), observed));
        }
        List<RegressionRow> regressed = rows.stream().filter(RegressionRow::regressed).toList();
        String message = regressed.isEmpty()
                ? "no metric crossed its limit against " + baseline.description()
                : regressed.stream().map(r -> r.label() + " " + r.changeText() + " (limit " + r.limit() + ")")
                        .collect(Collectors.joining(", ")) + " against " + baseline.description();
        return new RegressionResult(regressed.isEmpty() ? RegressionResult.Outcome.PASSED
                : RegressionResult.Outcome.REGRESSED, baseline.description(), baseline.runIds(), rows, message);
    }

    private static RegressionRow row(Limit limit, RunFigures baseline, RunFigures observed) {
        RegressionMetric metric = limit.metric();
        String key = metric.figureKey();
        Double base = baseline.value(key);
        Double seen = observed.value(key);
        String unit = metric == RegressionMetric.CAPACITY ? levelUnit(baseline, observed) : metric.unit();
        String note = null;
        if (base == null || seen == null) {
            note = base == null && seen == null ? "measured in neither run" : base == null
                    ? "not measured in the baseline" : "not measured in this run";
        } else if (metric == RegressionMetric.CAPACITY && !Objects.equals(baseline.levelUnit(),
                observed.levelUnit()) && baseline.levelUnit() != null && observed.levelUnit() != null) {
            note = "not comparable: the baseline's capacity is in " + baseline.levelUnit() + ", this run's in "
                    + observed.levelUnit();
        } else if (limit.unit() == Limit.Unit.LEVELS && observed.levels().isEmpty()) {
            note = "this run has no stage levels to count steps on";
        }
        if (note != null) {
            return new RegressionRow(metric.metricName(), metric.label(), unit, base, seen, null, "-", limit.text(),
                    false, note);
        }
        double change = change(limit.unit(), base, seen, observed.levels());
        String text = Double.isInfinite(change) ? (change > 0 ? "up" : "down") + " from 0"
                : Limit.signed(change, limit.unit(), metric);
        return new RegressionRow(metric.metricName(), metric.label(), unit, base, seen,
                Double.isInfinite(change) ? null : change, text, limit.text(), limit.crossedBy(change), null);
    }

    /** observed − baseline in the limit's unit; a relative change from 0 is infinite (any rise from none). */
    static double change(Limit.Unit unit, double base, double seen, List<Double> levels) {
        switch (unit) {
            case PERCENT:
                if (base == 0) {
                    return seen == 0 ? 0 : seen > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                }
                return round((seen - base) / Math.abs(base) * 100);
            case POINTS:
                return round((seen - base) * 100);
            case LEVELS:
                return steps(seen, levels) - steps(base, levels);
            default:
                return round(seen - base);
        }
    }

    /** How many of the ladder's levels a capacity reaches (0 when it reaches none: no stage met the SLO). */
    static int steps(double capacity, List<Double> levels) {
        int steps = 0;
        for (double level : levels) {
            // A median of capacities may fall between two levels: it reaches only the lower one.
            if (level <= capacity + 1e-9) {
                steps++;
            }
        }
        return steps;
    }

    private static String levelUnit(RunFigures baseline, RunFigures observed) {
        return observed.levelUnit() != null ? observed.levelUnit() : baseline.levelUnit() != null
                ? baseline.levelUnit() : "level";
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
