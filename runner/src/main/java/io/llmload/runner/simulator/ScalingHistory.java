package io.llmload.runner.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the simulated autoscaler and its engines actually did, with exact times: the ground truth that measured
 * scaling latencies are tested against. Thread-safe.
 */
public final class ScalingHistory {

    /** The autoscaler changed the desired replicas; {@code metricValue} is the average it saw. */
    public record Decision(Instant at, int from, int to, double metricValue) {
    }

    /** An engine became Ready (its cold start ended) or left the Ready set (scale-down). */
    public record ReplicaChange(Instant at, String engine, boolean ready, int readyAfter) {
    }

    private final List<Decision> decisions = new ArrayList<>();
    private final List<ReplicaChange> changes = new ArrayList<>();

    synchronized void decided(Decision decision) {
        decisions.add(decision);
    }

    synchronized void changed(ReplicaChange change) {
        changes.add(change);
    }

    public synchronized List<Decision> decisions() {
        return List.copyOf(decisions);
    }

    public synchronized List<ReplicaChange> changes() {
        return List.copyOf(changes);
    }

    /** The first time the Ready count reached {@code replicas} at or after {@code from}, or null. */
    public synchronized Instant readyCountReached(int replicas, Instant from) {
        for (ReplicaChange c : changes) {
            if (!c.at().isBefore(from) && c.readyAfter() >= replicas && c.ready()) {
                return c.at();
            }
        }
        return null;
    }
}
