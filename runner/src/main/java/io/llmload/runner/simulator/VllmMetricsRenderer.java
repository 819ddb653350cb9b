package io.llmload.runner.simulator;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Renders the batching model's state as Prometheus text exposition format 0.0.4, with vLLM's metric names and a
 * {@code model_name} label, so scrapers written for vLLM work unchanged. An engine pool renders one series per engine
 * (told apart by a {@code pod} label, as a scrape of every pod would see them) and its replica gauges.
 */
final class VllmMetricsRenderer {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** One engine's state and the label set of its series, e.g. {model_name="m",pod="m-0"}. */
    record Series(String labels, SimulatorState state) {
    }

    private record Family(String name, String help, String type, ToDoubleFunction<SimulatorState> value) {
    }

    private static final List<Family> FAMILIES = List.of(
            new Family("vllm:num_requests_running", "Number of requests in model execution batches.", "gauge",
                    SimulatorState::running),
            new Family("vllm:num_requests_waiting", "Number of requests waiting to be processed.", "gauge",
                    SimulatorState::waiting),
            new Family("vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", "gauge",
                    SimulatorState::kvCacheUsage),
            new Family("vllm:gpu_cache_usage_perc",
                    "GPU KV-cache usage. 1 means 100 percent usage (deprecated alias).", "gauge",
                    SimulatorState::kvCacheUsage),
            new Family("vllm:num_preemptions_total", "Cumulative number of preemption from the engine.", "counter",
                    SimulatorState::preemptions),
            new Family("vllm:prompt_tokens_total", "Number of prefill tokens processed.", "counter",
                    SimulatorState::promptTokensTotal),
            new Family("vllm:generation_tokens_total", "Number of generation tokens processed.", "counter",
                    SimulatorState::generationTokensTotal),
            new Family("vllm:request_success_total", "Count of successfully processed requests.", "counter",
                    SimulatorState::requestsFinished),
            new Family("vllm:prefix_cache_queries_total",
                    "Prefix cache queries, in terms of number of queried tokens.", "counter",
                    SimulatorState::prefixCacheQueries),
            new Family("vllm:prefix_cache_hits_total", "Prefix cache hits, in terms of number of cached tokens.",
                    "counter", SimulatorState::prefixCacheHits));

    private VllmMetricsRenderer() {
    }

    static String render(SimulatorState s, String modelName) {
        return render(List.of(new Series(modelLabel(modelName, null), s)));
    }

    /** Every family once, with one line per engine. */
    static String render(List<Series> engines) {
        StringBuilder sb = new StringBuilder(1024 + 512 * engines.size());
        for (Family f : FAMILIES) {
            header(sb, f.name(), f.help(), f.type());
            for (Series e : engines) {
                line(sb, f.name(), e.labels(), f.value().applyAsDouble(e.state()));
            }
        }
        return sb.toString();
    }

    /** The pool's replica gauges and the value its autoscaler acts on (docs/autoscaling.md). */
    static String replicaGauges(String modelName, int desired, int ready, ScalingMetric metric, double metricValue,
            double target) {
        String model = modelLabel(modelName, null);
        String withMetric = "{model_name=\"" + escapeLabel(modelName) + "\"," + ReplicaGauges.METRIC_LABEL + "=\""
                + metric.vllmName() + "\"}";
        StringBuilder sb = new StringBuilder(1024);
        header(sb, ReplicaGauges.DESIRED, "Replicas the simulated autoscaler asks for (an HPA's desiredReplicas).",
                "gauge");
        line(sb, ReplicaGauges.DESIRED, model, desired);
        header(sb, ReplicaGauges.READY, "Engines Ready to serve (a Deployment's readyReplicas).", "gauge");
        line(sb, ReplicaGauges.READY, model, ready);
        header(sb, ReplicaGauges.AUTOSCALER_METRIC, "The metric's average over Ready engines, as the autoscaler last saw it.",
                "gauge");
        line(sb, ReplicaGauges.AUTOSCALER_METRIC, withMetric, metricValue);
        header(sb, ReplicaGauges.AUTOSCALER_TARGET, "The autoscaler's target average per engine.", "gauge");
        line(sb, ReplicaGauges.AUTOSCALER_TARGET, withMetric, target);
        return sb.toString();
    }

    /** {model_name="m"}, or {model_name="m",pod="p"} for one engine of a pool. */
    static String modelLabel(String modelName, String pod) {
        return "{model_name=\"" + escapeLabel(modelName) + "\"" + (pod == null ? "" : ",pod=\"" + escapeLabel(pod)
                + "\"") + "}";
    }

    private static void header(StringBuilder sb, String name, String help, String type) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void line(StringBuilder sb, String name, String labels, double value) {
        sb.append(name).append(labels).append(' ').append(format(value)).append('\n');
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
