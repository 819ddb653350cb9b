package io.llmload.operator.autoscaling;

import io.llmload.runner.autoscaling.ReplicaSample;
import io.llmload.runner.autoscaling.ReplicaSource;
import io.llmload.runner.autoscaling.ReplicaTimeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A test's replica timeline in a cluster: the workload (and its autoscaler, when named) behind informers. A reading
 * is taken on every informer event — so a change is dated when the operator saw it, not at the next poll — and at
 * every poll of the test, so a quiet stretch is still covered. Readings are kept in memory, bounded.
 */
final class ClusterReplicaSource implements ReplicaSource {

    /** One reading per second of a 5-hour test with a few events each; beyond, readings are counted as dropped. */
    static final int MAX_SAMPLES = 20_000;

    private final WatchedReplicas workload;
    private final WatchedReplicas autoscaler;
    private final Duration pollInterval;
    private final Clock clock;
    private final List<ReplicaSample> samples = new ArrayList<>();
    private int dropped;
    private boolean stopped;

    /** @param autoscaler null when spec.autoscaling names none */
    ClusterReplicaSource(WatchedReplicas workload, WatchedReplicas autoscaler, Duration pollInterval, Clock clock) {
        this.workload = workload;
        this.autoscaler = autoscaler;
        this.pollInterval = pollInterval;
        this.clock = clock;
    }

    @Override
    public ClusterReplicaSource start() {
        workload.start(() -> record("informer"));
        if (autoscaler != null) {
            autoscaler.start(() -> record("informer"));
        }
        record("poll");
        return this;
    }

    /** A reading now, at a poll of the test. */
    void poll() {
        record("poll");
    }

    private void record(String how) {
        ReplicaFacts facts = workload.now();
        if (autoscaler != null) {
            facts = facts.withAutoscaler(autoscaler.now());
        }
        ReplicaSample sample = new ReplicaSample(Instant.now(clock), facts.desired(), facts.ready(), facts.available(),
                facts.metrics(), how);
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (samples.size() >= MAX_SAMPLES) {
                dropped++;
            } else {
                samples.add(sample);
            }
        }
    }

    @Override
    public ReplicaTimeline finish(Instant from, Instant to) {
        poll();
        discard();
        synchronized (this) {
            // A dropped reading counts as a failed read: the report says the timeline is incomplete.
            return new ReplicaTimeline(source(), pollInterval, List.copyOf(samples), dropped);
        }
    }

    String source() {
        return "informers on " + workload.describe() + (autoscaler == null ? "" : " and " + autoscaler.describe());
    }

    @Override
    public void discard() {
        synchronized (this) {
            stopped = true;
        }
        workload.close();
        if (autoscaler != null) {
            autoscaler.close();
        }
    }
}
