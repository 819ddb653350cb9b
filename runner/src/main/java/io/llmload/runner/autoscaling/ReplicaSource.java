package io.llmload.runner.autoscaling;

import java.time.Instant;

/**
 * Where a run's replica timeline comes from. The CLI reads replica gauges while the run goes on or asks Prometheus
 * once it is over; the operator feeds informer events and polls. Either way the result is a {@link ReplicaTimeline}
 * for {@link AutoscalingAnalysis}.
 */
public interface ReplicaSource {

    /** Starts reading (a no-op for sources read at the end). */
    ReplicaSource start();

    /** Stops and returns what was read for the run window. Blocking: never call it on an event loop. */
    ReplicaTimeline finish(Instant from, Instant to);

    /** Stops without a result; best effort, never throws. */
    default void discard() {
    }
}
