package io.llmload.runner.simulator;

/**
 * Renders the batching model's state as Prometheus text exposition format 0.0.4, with vLLM's metric names and a
 * {@code model_name} label, so scrapers written for vLLM work unchanged.
 */
final class VllmMetricsRenderer {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private VllmMetricsRenderer() {
    }

    static String render(SimulatorState s, String modelName) {
        String label = "{model_name=\"" + escapeLabel(modelName) + "\"}";
        StringBuilder sb = new StringBuilder(2048);
        gauge(sb, "vllm:num_requests_running", "Number of requests in model execution batches.", label, s.running());
        gauge(sb, "vllm:num_requests_waiting", "Number of requests waiting to be processed.", label, s.waiting());
        gauge(sb, "vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", label,
                s.kvCacheUsage());
        gauge(sb, "vllm:gpu_cache_usage_perc", "GPU KV-cache usage. 1 means 100 percent usage (deprecated alias).",
                label, s.kvCacheUsage());
        counter(sb, "vllm:num_preemptions_total", "Cumulative number of preemption from the engine.", label,
                s.preemptions());
        counter(sb, "vllm:prompt_tokens_total", "Number of prefill tokens processed.", label,
                s.promptTokensTotal());
        counter(sb, "vllm:generation_tokens_total", "Number of generation tokens processed.", label,
                s.generationTokensTotal());
        counter(sb, "vllm:request_success_total", "Count of successfully processed requests.", label,
                s.requestsFinished());
        counter(sb, "vllm:prefix_cache_queries_total",
                "Prefix cache queries, in terms of number of queried tokens.", label, s.prefixCacheQueries());
        counter(sb, "vllm:prefix_cache_hits_total",
                "Prefix cache hits, in terms of number of cached tokens.", label, s.prefixCacheHits());
        return sb.toString();
    }

    private static void gauge(StringBuilder sb, String name, String help, String label, double value) {
        family(sb, name, help, "gauge", label, value);
    }

    private static void counter(StringBuilder sb, String name, String help, String label, double value) {
        family(sb, name, help, "counter", label, value);
    }

    private static void family(StringBuilder sb, String name, String help, String type, String label, double value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        sb.append(name).append(label).append(' ').append(format(value)).append('\n');
    }

    /** Python-client style: integers as "12.0", others in shortest round-trip form. */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return (long) value + ".0";
        }
        return Double.toString(value);
    }

    static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
