package io.llmload.operator.autoscaling;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one watched object says about the replicas right now; any part may be unknown (null, or no metrics). A
 * reading of the timeline is the workload's facts completed by its autoscaler's ({@link #withAutoscaler}).
 *
 * @param desired replicas asked for: an autoscaler's status.desiredReplicas, else the workload's spec.replicas
 * @param ready Ready replicas (serving)
 * @param available available replicas, when the workload reports them
 * @param metrics the autoscaler's current metric values by name
 */
record ReplicaFacts(Integer desired, Integer ready, Integer available, Map<String, Double> metrics) {

    static final ReplicaFacts NONE = new ReplicaFacts(null, null, null, Map.of());

    ReplicaFacts {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    /** The autoscaler's decision comes before the workload's spec changes, so its desired count wins. */
    ReplicaFacts withAutoscaler(ReplicaFacts autoscaler) {
        Map<String, Double> all = new LinkedHashMap<>(metrics);
        all.putAll(autoscaler.metrics());
        return new ReplicaFacts(autoscaler.desired() != null ? autoscaler.desired() : desired, ready, available, all);
    }
}
