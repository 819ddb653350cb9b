package io.llmload.runner.simulator;

/** What the simulated autoscaler reads from each Ready engine, named as vLLM exposes it. */
public enum ScalingMetric {

    /** vllm:kv_cache_usage_perc, 0..1: bounded, so it does not run away while new engines start. */
    KV_CACHE_USAGE("kv_cache_usage_perc"),
    /** vllm:num_requests_waiting: requests the engine could not admit yet. */
    REQUESTS_WAITING("num_requests_waiting");

    private final String vllmName;

    ScalingMetric(String vllmName) {
        this.vllmName = vllmName;
    }

    /** The vLLM metric name without its "vllm:" prefix (the metric label of the autoscaler gauges). */
    public String vllmName() {
        return vllmName;
    }

    double of(SimulatorState state) {
        return this == KV_CACHE_USAGE ? state.kvCacheUsage() : state.waiting();
    }
}
