package io.llmload.runner.autoscaling;

import java.time.Instant;
import java.util.Map;

/**
 * One reading of the scaled workload: the replicas its autoscaler (or spec) asks for, the Ready ones, and the
 * autoscaler's current metric values when it exposes them. The operator records one per informer event and per
 * poll; the CLI one per scrape of the simulator's gauges or per Prometheus query step.
 *
 * @param desired desired replicas (HPA/ScaledObject status or the workload's spec.replicas); null when unknown
 * @param ready Ready replicas (serving); null when unknown
 * @param available available replicas (Ready for minReadySeconds) when the workload reports them; informational
 * @param metrics the autoscaler's current metric values by name (e.g. {@code kv_cache_usage_perc}); may be empty
 * @param source how it was read, e.g. {@code gauges}, {@code prometheus}, {@code informer}, {@code poll}
 */
public record ReplicaSample(Instant at, Integer desired, Integer ready, Integer available, Map<String, Double> metrics,
        String source) {

    public ReplicaSample {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    public ReplicaSample(Instant at, Integer desired, Integer ready, String source) {
        this(at, desired, ready, null, Map.of(), source);
    }
}
