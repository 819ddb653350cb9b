package io.llmload.runner.autoscaling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A replica sample on the run's timeline, with gaps filled: an unknown value carries the last known one forward,
 * and without any desired value at all the Ready count stands in for it (decisions then show only when they are
 * served).
 */
record ReplicaPoint(double at, int desired, int ready) {

    /** The samples as points in seconds from {@code runStart}; samples before any value is known are dropped. */
    static List<ReplicaPoint> of(List<ReplicaSample> samples, Instant runStart) {
        boolean anyDesired = samples.stream().anyMatch(s -> s.desired() != null);
        List<ReplicaPoint> points = new ArrayList<>();
        Integer desired = null;
        Integer ready = null;
        for (ReplicaSample s : samples) {
            ready = s.ready() != null ? s.ready() : ready;
            desired = anyDesired ? (s.desired() != null ? s.desired() : desired) : ready;
            if (desired != null && ready != null) {
                points.add(new ReplicaPoint(seconds(runStart, s.at()), desired, ready));
            }
        }
        return points;
    }

    static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
