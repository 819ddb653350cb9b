package io.llmload.runner.report;

import org.HdrHistogram.Histogram;

/** Percentiles of a count (tokens or steps per user request), read from one histogram; null without samples. */
public record CountPercentiles(long p50, long p90, long p95, long p99, long max, double mean, long count) {

    public static CountPercentiles of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return null;
        }
        // HdrHistogram reports the highest value equivalent to a bucket: exact below 2048 at 3 significant digits.
        return new CountPercentiles(h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(95), h.getValueAtPercentile(99), h.getMaxValue(),
                Math.round(h.getMean() * 1000) / 1000.0, h.getTotalCount());
    }
}
