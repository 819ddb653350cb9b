package io.llmload.runner.autoscaling;

import io.llmload.runner.report.Aggregate;
import java.util.List;

/**
 * A part of the run judged on its own: a scale-up window (from the load step until the new replicas were Ready and
 * the latency objective had recovered, or until the load changed again) or the steady rest of the measured run.
 * {@code results} is the window's aggregate — percentiles from the merged histograms of its intervals — with its
 * tier; null when no request finished inside it.
 */
public record ScalingWindow(String name, String kind, List<Span> spans, Aggregate results) {

    public static final String SCALE_UP = "scale-up";
    public static final String STEADY = "steady";

    /** Seconds from the run's start, [from, to). */
    public record Span(double fromSeconds, double toSeconds) {

        boolean contains(double at) {
            return at >= fromSeconds && at < toSeconds;
        }
    }

    boolean contains(double at) {
        return spans.stream().anyMatch(s -> s.contains(at));
    }
}
