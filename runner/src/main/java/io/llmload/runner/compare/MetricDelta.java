package io.llmload.runner.compare;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One metric of one scope in both reports.
 *
 * @param metric stable key, e.g. {@code ttftP95Ms}
 * @param label what people read, e.g. "TTFT p95"
 * @param unit ms, req/s, tok/s, fraction, count or the cost currency ("cost")
 * @param deltaPercent (B − A) / A × 100; null when A is 0 or either side has no value
 * @param change better, worse or same for B; null for neutral metrics or missing values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricDelta(String metric, String label, String unit, Double a, Double b, Double deltaPercent,
        Change change) {

    static MetricDelta of(Metric metric, String label, Double a, Double b) {
        Double delta = a == null || b == null ? null
                : a == 0 ? (b == 0 ? Double.valueOf(0.0) : null)
                : Double.valueOf(Math.round((b - a) / a * 100_000) / 1000.0);
        return new MetricDelta(metric.key(), label, metric.unit(), a, b, delta, metric.direction().judge(a, b));
    }
}
