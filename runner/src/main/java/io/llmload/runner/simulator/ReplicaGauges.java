package io.llmload.runner.simulator;

/**
 * Names of the gauges the simulator's engine pool adds to {@code /metrics} in autoscaling mode (docs/autoscaling.md).
 * Each carries the {@code model_name} label; the autoscaler's two also {@code metric} (the vLLM metric it averages).
 */
public final class ReplicaGauges {

    /** Replicas the simulated autoscaler asks for, like an HPA's status.desiredReplicas. */
    public static final String DESIRED = "llmload_sim_replicas_desired";
    /** Engines Ready to serve, like a Deployment's status.readyReplicas. */
    public static final String READY = "llmload_sim_replicas_ready";
    /** The metric's average over Ready engines as the autoscaler last saw it (NaN before its first evaluation). */
    public static final String AUTOSCALER_METRIC = "llmload_sim_autoscaler_metric";
    /** The autoscaler's target for that average. */
    public static final String AUTOSCALER_TARGET = "llmload_sim_autoscaler_target";
    /** The label naming the metric on the two autoscaler gauges. */
    public static final String METRIC_LABEL = "metric";

    private ReplicaGauges() {
    }
}
