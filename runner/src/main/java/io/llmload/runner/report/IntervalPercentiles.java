package io.llmload.runner.report;

import org.HdrHistogram.Histogram;

/** p50, p95 and p99 in ms of one timeline interval's histogram (µs), for the time-series charts. */
public record IntervalPercentiles(double p50, double p95, double p99) {

    /** Null when the interval recorded no sample. */
    public static IntervalPercentiles of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return null;
        }
        return new IntervalPercentiles(ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(95)),
                ms(micros.getValueAtPercentile(99)));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
