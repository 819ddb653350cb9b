package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/**
 * Where the inference server's own metrics (KV cache, queue, tokens, GPU) come from during a run. Every field is
 * optional: without this section the CLI and the operator scrape the target's {@code /metrics} (NIM: {@code
 * /v1/metrics}) every 5 s.
 */
@ValidationRule(value = "!has(self.source) || self.source != 'pods' || has(self.podSelector)",
        message = "source pods needs podSelector: the labels of the inference server's pods")
@ValidationRule(value = "!has(self.source) || self.source != 'prometheus' || has(self.prometheusUrl)",
        message = "source prometheus needs prometheusUrl")
public record MetricsSourceSpec(
        @Pattern("^(auto|target|pods|prometheus|none)$")
        @JsonPropertyDescription("auto (default): prometheus when prometheusUrl is set, else pods when podSelector is "
                + "set (operator), else the target. target: the target's /metrics (or url). pods: every pod "
                + "matching podSelector (operator only). prometheus: query_range on prometheusUrl at the end. "
                + "none: no server metrics.") String source,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("How often to scrape, and the Prometheus query step (default 5s). The CLI's "
                + "--scrape-interval overrides it.") String interval,
        @JsonPropertyDescription("Metrics URL to scrape instead of the target's /metrics, e.g. "
                + "http://vllm.models.svc:8000/metrics.") String url,
        @JsonPropertyDescription("Labels of the inference server pods (source pods); with source prometheus, label "
                + "matchers of every query.") @Size(max = SpecLimits.SELECTOR_LABELS) Map<String, String> podSelector,
        @JsonPropertyDescription("Namespace of those pods (default: the test's namespace); with source prometheus, a "
                + "namespace matcher.") String namespace,
        @Min(1)
        @Max(65535)
        @JsonPropertyDescription("Port of the pods' metrics endpoint (default 8000).") Integer port,
        @JsonPropertyDescription("Path of the pods' metrics endpoint (default /metrics).") String path,
        @JsonPropertyDescription("Base URL of a Prometheus server (source prometheus), e.g. "
                + "http://prometheus.monitoring:9090.") String prometheusUrl,
        @JsonPropertyDescription("NVIDIA DCGM exporter to read GPU metrics from, merged into the same report.") DcgmSpec dcgm) {

    public static final String AUTO = "auto";
    public static final String TARGET = "target";
    public static final String PODS = "pods";
    public static final String PROMETHEUS = "prometheus";
    public static final String NONE = "none";

    public static final int DEFAULT_PORT = 8000;
    public static final String DEFAULT_PATH = "/metrics";

    /** A metrics section with nothing set: the defaults. */
    public static final MetricsSourceSpec DEFAULTS = new MetricsSourceSpec(null, null, null, null, null, null, null,
            null, null);

    public static MetricsSourceSpec orDefaults(MetricsSourceSpec spec) {
        return spec == null ? DEFAULTS : spec;
    }

    /**
     * The source in effect: {@code auto} resolved (prometheus, then pods where pods can be listed, then target).
     *
     * @param canListPods whether pods can be listed here (the operator can, the CLI cannot)
     */
    public String effectiveSource(boolean canListPods) {
        String s = source == null ? AUTO : source;
        if (!s.equals(AUTO)) {
            return s;
        }
        if (prometheusUrl != null && !prometheusUrl.isBlank()) {
            return PROMETHEUS;
        }
        return canListPods && podSelector != null && !podSelector.isEmpty() ? PODS : TARGET;
    }

    public int portOrDefault() {
        return port == null ? DEFAULT_PORT : port;
    }

    public String pathOrDefault() {
        return path == null || path.isBlank() ? DEFAULT_PATH : path;
    }

    /** The NVIDIA DCGM exporter: a URL to scrape, or (operator) its pods by label, or (prometheus) label matchers. */
    public record DcgmSpec(
            @JsonPropertyDescription("Labels of the DCGM exporter pods, e.g. {app: nvidia-dcgm-exporter} (operator; "
                    + "with source prometheus, label matchers).") @Size(max = SpecLimits.SELECTOR_LABELS)
            Map<String, String> podSelector,
            @JsonPropertyDescription("Namespace of the DCGM exporter pods (default: the test's namespace).") String namespace,
            @Min(1)
            @Max(65535)
            @JsonPropertyDescription("Port of the exporter's /metrics (default 9400).") Integer port,
            @JsonPropertyDescription("URL of the exporter's metrics, e.g. http://dcgm.gpu-operator:9400/metrics.") String url) {

        public static final int DEFAULT_PORT = 9400;

        public int portOrDefault() {
            return port == null ? DEFAULT_PORT : port;
        }
    }
}
