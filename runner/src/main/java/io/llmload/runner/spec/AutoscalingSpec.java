package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/**
 * {@code spec.autoscaling}: the run also watches a workload scale while the load changes, records its replica
 * timeline and judges the scaling against {@code expect}. The operator reads the workload and its autoscaler from the
 * cluster; the CLI reads the embedded simulator's replica gauges, or a Prometheus server ({@code replicas}).
 */
public record AutoscalingSpec(
        @JsonPropertyDescription("The workload that scales: a Deployment, StatefulSet, LeaderWorkerSet or KServe "
                + "InferenceService (required in a cluster).") WorkloadRef target,
        @JsonPropertyDescription("The autoscaler acting on it (optional): a HorizontalPodAutoscaler or a KEDA "
                + "ScaledObject; its desired replicas and metric values join the timeline.") AutoscalerRef autoscaler,
        @JsonPropertyDescription("What the scaling must achieve: each item becomes an slo[] row, and a miss makes the "
                + "verdict Breach.") ScalingExpectations expect,
        @JsonPropertyDescription("CLI only: where the replica timeline comes from (default: the replica gauges of the "
                + "target's /metrics, which the embedded simulator exposes in autoscaling mode).") ReplicaSourceSpec replicas) {

    public static final String DEPLOYMENT = "Deployment";
    public static final String STATEFUL_SET = "StatefulSet";
    public static final String LEADER_WORKER_SET = "LeaderWorkerSet";
    public static final String INFERENCE_SERVICE = "InferenceService";
    public static final String HPA = "HorizontalPodAutoscaler";
    public static final String SCALED_OBJECT = "ScaledObject";

    /** A workload by reference, read generically (its desired replicas in spec, its Ready ones in status). */
    public record WorkloadRef(
            @JsonPropertyDescription("apps/v1 (Deployment, StatefulSet), leaderworkerset.x-k8s.io/v1 or "
                    + "serving.kserve.io/v1beta1.") String apiVersion,
            @Pattern("^(Deployment|StatefulSet|LeaderWorkerSet|InferenceService)$")
            @JsonPropertyDescription("Deployment, StatefulSet, LeaderWorkerSet or InferenceService.") String kind,
            @JsonPropertyDescription("Its name.") String name,
            @JsonPropertyDescription("Its namespace (default: the test's).") String namespace) {
    }

    /** The autoscaler by reference. */
    public record AutoscalerRef(
            @Pattern("^(HorizontalPodAutoscaler|ScaledObject)$")
            @JsonPropertyDescription("HorizontalPodAutoscaler or ScaledObject (KEDA).") String kind,
            @JsonPropertyDescription("Its name (in the workload's namespace).") String name) {
    }

    /** What the scaling must achieve. Every field is optional; each one set becomes a row of slo[]. */
    public record ScalingExpectations(
            @Pattern(SchemaPatterns.DURATION)
            @JsonPropertyDescription("Longest time from a load step to all the replicas the autoscaler asked for "
                    + "being Ready, e.g. 5m.") String scaleUpWithin,
            @Pattern(SchemaPatterns.DURATION)
            @JsonPropertyDescription("Longest time from the load dropping to the extra replicas being gone, e.g. "
                    + "10m; needs a stage with less load after the peak (a cool-down).") String scaleDownWithin,
            @Min(0)
            @JsonPropertyDescription("Ready replicas must never drop below this.") Integer minReplicas,
            @Min(1)
            @JsonPropertyDescription("Desired or Ready replicas must never exceed this.") Integer maxReplicas,
            @Pattern("^(Pass|Degraded)$")
            @JsonPropertyDescription("Worst SLO tier tolerated while scaling up: Pass (Normal) or Degraded.") String sloDuringScaleUp) {
    }

    /** CLI only: a Prometheus server to read the replica timeline from, instead of the target's gauges. */
    public record ReplicaSourceSpec(
            @Pattern(SchemaPatterns.DURATION)
            @JsonPropertyDescription("How often replicas are read (the Prometheus query step), e.g. 1s (default: "
                    + "spec.target.metrics.interval, else 5s).") String interval,
            @JsonPropertyDescription("Read the timeline from a Prometheus server (e.g. kube-state-metrics series) "
                    + "once the run is over.") PrometheusReplicas prometheus) {
    }

    /** PromQL for each part of the timeline; each query should return one series (several are added up). */
    public record PrometheusReplicas(
            @JsonPropertyDescription("Base URL of the Prometheus server, e.g. http://localhost:9090.") String url,
            @JsonPropertyDescription("Desired replicas, e.g. kube_deployment_spec_replicas{deployment=\"vllm\"}.") String desired,
            @JsonPropertyDescription("Ready replicas, e.g. kube_deployment_status_replicas_ready{deployment=\"vllm\"}.") String ready,
            @Size(max = SpecLimits.AUTOSCALER_METRICS)
            @JsonPropertyDescription("Autoscaler metric values by name (optional), e.g. {waiting: "
                    + "'avg(vllm:num_requests_waiting)'}.") Map<String, String> metrics) {
    }
}
