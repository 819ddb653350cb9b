package io.llmload.runner.report;

import io.llmload.runner.metrics.Histograms;
import org.HdrHistogram.Histogram;

/**
 * How the load generator itself fared: its event loops (per runner: one control loop and its I/O lanes) and their
 * lag — how late their timers ran after the warmup, in µs, as a base64 HdrHistogram so runners merge losslessly.
 */
public record EngineData(int eventLoops, String eventLoopLag) {

    public static EngineData of(int eventLoops, Histogram lagMicros) {
        return new EngineData(eventLoops, Histograms.encode(lagMicros));
    }

    public Histogram lag() {
        return eventLoopLag == null ? Histograms.create() : Histograms.decode(eventLoopLag);
    }

    /** Several runners: their loops add up, their lag histograms merge. */
    public EngineData plus(EngineData other) {
        if (other == null) {
            return this;
        }
        Histogram merged = lag();
        merged.add(other.lag());
        return of(eventLoops + other.eventLoops, merged);
    }
}
