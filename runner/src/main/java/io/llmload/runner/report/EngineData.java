package io.llmload.runner.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.llmload.runner.metrics.Histograms;
import org.HdrHistogram.Histogram;

/**
 * How the load generator itself fared: its event loops (per runner: one control loop and its I/O lanes) and their
 * lag — how late their timers ran after the warmup, in µs, as base64 HdrHistograms so runners merge losslessly.
 * {@code eventLoopLag} is every loop's; {@code controlLoopLag} and {@code ioLoopLag} split it by kind of loop, so a
 * report can say which part of the generator was slow (null when a runner did not record them).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EngineData(int eventLoops, String eventLoopLag, String controlLoopLag, String ioLoopLag) {

    /** The control loops' and the I/O lanes' lag (µs); every loop's is their merge. */
    public static EngineData of(int eventLoops, Histogram controlLagMicros, Histogram ioLagMicros) {
        Histogram all = Histograms.create();
        all.add(controlLagMicros);
        all.add(ioLagMicros);
        return new EngineData(eventLoops, Histograms.encode(all), Histograms.encode(controlLagMicros),
                Histograms.encode(ioLagMicros));
    }

    /** One event loop that was control loop and I/O lane at once: its lag, not split by kind of loop. */
    public static EngineData oneLoop(Histogram lagMicros) {
        return new EngineData(1, Histograms.encode(lagMicros), null, null);
    }

    public Histogram lag() {
        return decode(eventLoopLag);
    }

    /** The control loops' lag; null when not recorded. */
    public Histogram controlLag() {
        return controlLoopLag == null ? null : decode(controlLoopLag);
    }

    /** The I/O lanes' lag; null when not recorded. */
    public Histogram ioLag() {
        return ioLoopLag == null ? null : decode(ioLoopLag);
    }

    /** Several runners: their loops add up, their lag histograms merge (by kind only when every runner split it). */
    public EngineData plus(EngineData other) {
        if (other == null) {
            return this;
        }
        Histogram all = lag();
        all.add(other.lag());
        return new EngineData(eventLoops + other.eventLoops, Histograms.encode(all),
                merged(controlLoopLag, other.controlLoopLag), merged(ioLoopLag, other.ioLoopLag));
    }

    /** The same figures for {@code loops} event loops (one runner's loops that ran several probes in turn). */
    public EngineData withEventLoops(int loops) {
        return new EngineData(loops, eventLoopLag, controlLoopLag, ioLoopLag);
    }

    private static String merged(String a, String b) {
        if (a == null || b == null) {
            return null;
        }
        Histogram h = decode(a);
        h.add(decode(b));
        return Histograms.encode(h);
    }

    private static Histogram decode(String encoded) {
        return encoded == null ? Histograms.create() : Histograms.decode(encoded);
    }
}
