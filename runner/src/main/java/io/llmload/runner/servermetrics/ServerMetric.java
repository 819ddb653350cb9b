package io.llmload.runner.servermetrics;

import java.util.List;

/**
 * What llmload reads from an inference server (vLLM, NVIDIA NIM) and the DCGM exporter, with the names each may be
 * exposed under and how series of several pods or GPUs combine into one value.
 */
public enum ServerMetric {

    /** Fraction 0..1. vLLM renamed gpu_cache_usage_perc to kv_cache_usage_perc; NIM may still expose the old one. */
    KV_CACHE_USAGE(Kind.GAUGE, Aggregation.MAX, "fraction", "kv_cache_usage_perc", "gpu_cache_usage_perc"),
    RUNNING(Kind.GAUGE, Aggregation.SUM, "requests", "num_requests_running"),
    WAITING(Kind.GAUGE, Aggregation.SUM, "requests", "num_requests_waiting"),
    PREEMPTIONS_TOTAL(Kind.COUNTER, Aggregation.SUM, "preemptions", "num_preemptions"),
    PROMPT_TOKENS_TOTAL(Kind.COUNTER, Aggregation.SUM, "tokens", "prompt_tokens"),
    GENERATION_TOKENS_TOTAL(Kind.COUNTER, Aggregation.SUM, "tokens", "generation_tokens"),
    PREFIX_CACHE_HITS_TOTAL(Kind.COUNTER, Aggregation.SUM, "tokens", "prefix_cache_hits"),
    PREFIX_CACHE_QUERIES_TOTAL(Kind.COUNTER, Aggregation.SUM, "tokens", "prefix_cache_queries"),
    /** Percent 0..100, per GPU. */
    GPU_UTIL(Kind.GAUGE, Aggregation.PER_GPU, "percent", "DCGM_FI_DEV_GPU_UTIL"),
    /** Frame-buffer memory used, MiB, per GPU. */
    FB_USED(Kind.GAUGE, Aggregation.PER_GPU, "MiB", "DCGM_FI_DEV_FB_USED"),
    /** Watts, per GPU. */
    POWER_USAGE(Kind.GAUGE, Aggregation.PER_GPU, "W", "DCGM_FI_DEV_POWER_USAGE"),
    /** Fraction 0..1 of cycles with a warp resident, per GPU; only where DCGM profiling metrics are enabled. */
    SM_ACTIVE(Kind.GAUGE, Aggregation.PER_GPU, "fraction", "DCGM_FI_PROF_SM_ACTIVE");

    public enum Kind { GAUGE, COUNTER }

    /** How series combine; {@link Reading} keeps sum, mean and max for every metric, this picks its headline. */
    public enum Aggregation {
        /** The fullest pod is the one that saturates first. */
        MAX,
        /** Requests and tokens of all pods add up. */
        SUM,
        /** One series per GPU: the headline is the mean, the max shows a hot GPU. */
        PER_GPU
    }

    private static final String VLLM_PREFIX = "vllm:";
    private static final String TOTAL_SUFFIX = "_total";

    private final Kind kind;
    private final Aggregation aggregation;
    private final String unit;
    private final List<String> names;

    ServerMetric(Kind kind, Aggregation aggregation, String unit, String... names) {
        this.kind = kind;
        this.aggregation = aggregation;
        this.unit = unit;
        this.names = List.of(names);
    }

    public Kind kind() {
        return kind;
    }

    public Aggregation aggregation() {
        return aggregation;
    }

    public String unit() {
        return unit;
    }

    /** Source names in order of preference, without the "vllm:" prefix or a counter's "_total" suffix. */
    public List<String> names() {
        return names;
    }

    /**
     * How well a sample name matches this metric: -1 if not at all, else 0 for the best. A later candidate name
     * ranks after an earlier one; for counters a name without "_total" ranks after the one with it. The "vllm:"
     * prefix does not affect the rank, so a vLLM pod and a NIM pod both count.
     */
    public int rank(String sampleName) {
        String base = sampleName.startsWith(VLLM_PREFIX) ? sampleName.substring(VLLM_PREFIX.length()) : sampleName;
        int bare = 0;
        if (kind == Kind.COUNTER) {
            if (base.endsWith(TOTAL_SUFFIX)) {
                base = base.substring(0, base.length() - TOTAL_SUFFIX.length());
            } else {
                bare = 1;
            }
        }
        int i = names.indexOf(base);
        return i < 0 ? -1 : i * 2 + bare;
    }
}
