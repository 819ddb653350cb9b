package io.llmload.runner.servermetrics;

/**
 * One metric in one scrape, over its {@code series} (pods or GPUs). {@code value} is the headline the metric's
 * {@link ServerMetric.Aggregation} picks: max for MAX, sum for SUM, mean for PER_GPU.
 */
public record Reading(double value, double sum, double mean, double max, int series) {

    static Reading of(ServerMetric.Aggregation aggregation, double[] values) {
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            sum += v;
            max = Math.max(max, v);
        }
        double mean = sum / values.length;
        double value = switch (aggregation) {
            case MAX -> max;
            case SUM -> sum;
            case PER_GPU -> mean;
        };
        return new Reading(value, sum, mean, max, values.length);
    }
}
