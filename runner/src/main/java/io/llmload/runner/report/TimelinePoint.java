package io.llmload.runner.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.ErrorClass;
import io.llmload.runner.metrics.LatencyMetric;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One interval of the run (normally one second): what completed in it, by intended send time's stage. Latency
 * percentiles here are of the interval alone, for charts; report percentiles come from whole-stage histograms.
 * {@code ttftMs}, {@code itlMs}, {@code e2eMs} (p50/p95/p99 of the interval) and {@code errorsByClass} (the classes
 * that occurred) are absent in reports of older versions and in timelines merged from several runners (interval
 * percentiles do not add up); {@code ttftP95Ms} and {@code e2eP95Ms} stay for readers of the older format.
 */
public record TimelinePoint(double offsetSeconds, String stage, double level, long requests, long errors,
        double requestsPerSecond, double outputTokensPerSecond, Double ttftP95Ms, Double e2eP95Ms, int inFlight,
        @JsonInclude(JsonInclude.Include.NON_NULL) IntervalPercentiles ttftMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) IntervalPercentiles itlMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) IntervalPercentiles e2eMs,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> errorsByClass) {

    /** A point without interval percentiles or error classes (merged timelines, tests). */
    public TimelinePoint(double offsetSeconds, String stage, double level, long requests, long errors,
            double requestsPerSecond, double outputTokensPerSecond, Double ttftP95Ms, Double e2eP95Ms, int inFlight) {
        this(offsetSeconds, stage, level, requests, errors, requestsPerSecond, outputTokensPerSecond, ttftP95Ms,
                e2eP95Ms, inFlight, null, null, null, null);
    }

    /** The same point at another offset and stage (a capacity search puts its probes on one timeline). */
    public TimelinePoint at(double newOffsetSeconds, String newStage) {
        return new TimelinePoint(round(newOffsetSeconds), newStage, level, requests, errors, requestsPerSecond,
                outputTokensPerSecond, ttftP95Ms, e2eP95Ms, inFlight, ttftMs, itlMs, e2eMs, errorsByClass);
    }

    /** The point of one interval of {@code seconds} that ended {@code offsetSeconds} into the run. */
    public static TimelinePoint of(double offsetSeconds, String stage, double level, CellStats interval,
            double seconds, int inFlight) {
        IntervalPercentiles ttft = IntervalPercentiles.of(interval.histogram(LatencyMetric.TTFT));
        IntervalPercentiles e2e = IntervalPercentiles.of(interval.histogram(LatencyMetric.E2E));
        return new TimelinePoint(round(offsetSeconds), stage, level, interval.requests(), interval.errorsTotal(),
                interval.requests() / seconds, interval.outputTokens() / seconds, ttft == null ? null : ttft.p95(),
                e2e == null ? null : e2e.p95(), inFlight, ttft,
                IntervalPercentiles.of(interval.histogram(LatencyMetric.ITL)), e2e, errorClasses(interval));
    }

    /** The error classes that occurred, keyed like report.json's {@code errors}; null when none did. */
    private static Map<String, Long> errorClasses(CellStats interval) {
        Map<String, Long> classes = new LinkedHashMap<>();
        for (ErrorClass c : ErrorClass.values()) {
            long n = interval.errors(c);
            if (n > 0) {
                classes.put(c.key(), n);
            }
        }
        return classes.isEmpty() ? null : classes;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
