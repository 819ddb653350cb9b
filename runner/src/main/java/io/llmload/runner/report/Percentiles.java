package io.llmload.runner.report;

import org.HdrHistogram.Histogram;

/** Latency percentiles in milliseconds, read from one histogram (µs); null when it holds no samples. */
public record Percentiles(double p50, double p90, double p95, double p99, double max, double mean, long count) {

    public static Percentiles of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return null;
        }
        return new Percentiles(ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(95)), ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()),
                Math.round(micros.getMean()) / 1000.0, micros.getTotalCount());
    }

    /** The value at a percentile name (p50, p90, p95, p99, max, mean). */
    public double at(String percentile) {
        switch (percentile) {
            case "p50":
                return p50;
            case "p90":
                return p90;
            case "p95":
                return p95;
            case "p99":
                return p99;
            case "max":
                return max;
            default:
                return mean;
        }
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
