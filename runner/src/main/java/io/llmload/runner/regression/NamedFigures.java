package io.llmload.runner.regression;

import io.llmload.runner.compare.RunFigures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's figures keyed by the names regression limits use ({@code ttftP95}, {@code capacity}, ...) rather than
 * compare.json's keys ({@code ttftP95Ms}): how the operator keeps them in status.history, and reads them back as a
 * baseline.
 */
public final class NamedFigures {

    private NamedFigures() {
    }

    public static Map<String, Double> of(RunFigures figures) {
        Map<String, Double> named = new LinkedHashMap<>();
        for (RegressionMetric m : RegressionMetric.values()) {
            Double v = figures.value(m.figureKey());
            if (v != null) {
                named.put(m.metricName(), v);
            }
        }
        return named;
    }

    /** @param capacityUnit users or req/s (the unit of {@code capacity}), null when unknown */
    public static RunFigures toFigures(Map<String, Double> named, String capacityUnit) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (named != null) {
            named.forEach((name, v) -> {
                RegressionMetric m = RegressionMetric.byName(name);
                if (m != null && v != null) {
                    values.put(m.figureKey(), v);
                }
            });
        }
        return new RunFigures(values, capacityUnit, List.of());
    }
}
