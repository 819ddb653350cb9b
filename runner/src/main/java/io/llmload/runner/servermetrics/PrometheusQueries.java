package io.llmload.runner.servermetrics;

import io.llmload.runner.spec.MetricsSourceSpec;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The PromQL that reads each {@link ServerMetric} from a Prometheus server: a plain series selector on every name the
 * metric may have (vLLM's {@code vllm:} prefix or NIM's none, counters with or without {@code _total}), narrowed by
 * the spec's pod selector and namespace as label matchers. No functions: the raw series come back, and the same
 * naming and aggregation rules as for a scrape apply ({@link ServerSnapshot}). Example for the queue:
 * <pre>{__name__=~"(vllm:)?(num_requests_waiting)", app="vllm", namespace="models"}</pre>
 */
public final class PrometheusQueries {

    private PrometheusQueries() {
    }

    /** One query per metric: server metrics matched by podSelector/namespace, DCGM ones by dcgm's. */
    public static Map<ServerMetric, String> of(MetricsSourceSpec spec) {
        MetricsSourceSpec.DcgmSpec dcgm = spec.dcgm();
        Map<ServerMetric, String> queries = new EnumMap<>(ServerMetric.class);
        for (ServerMetric metric : ServerMetric.values()) {
            boolean gpu = isDcgm(metric);
            queries.put(metric, selector(metric,
                    gpu ? (dcgm == null ? null : dcgm.podSelector()) : spec.podSelector(),
                    gpu ? (dcgm == null ? null : dcgm.namespace()) : spec.namespace()));
        }
        return queries;
    }

    static String selector(ServerMetric metric, Map<String, String> labels, String namespace) {
        StringJoiner matchers = new StringJoiner(", ", "{", "}");
        matchers.add("__name__=~\"" + nameRegex(metric) + "\"");
        if (labels != null) {
            new TreeMap<>(labels).forEach((k, v) -> matchers.add(k + "=\"" + escape(v) + "\""));
        }
        if (namespace != null && !namespace.isBlank()) {
            matchers.add("namespace=\"" + escape(namespace) + "\"");
        }
        return matchers.toString();
    }

    /** Fully anchored (as PromQL regexes are): (vllm:)?(kv_cache_usage_perc|gpu_cache_usage_perc). */
    static String nameRegex(ServerMetric metric) {
        String names = "(" + String.join("|", metric.names()) + ")";
        if (isDcgm(metric)) {
            return names;
        }
        return "(vllm:)?" + names + (metric.kind() == ServerMetric.Kind.COUNTER ? "(_total)?" : "");
    }

    /** DCGM exporter series are one per GPU and come from the exporter, not the server. */
    static boolean isDcgm(ServerMetric metric) {
        return metric.aggregation() == ServerMetric.Aggregation.PER_GPU;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
