package io.llmload.runner.spec;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** spec.target.metrics: each source needs its own fields, and pods can be listed only in a cluster. */
final class MetricsSourceChecks extends Checks {

    private static final Set<String> SOURCES = Set.of(MetricsSourceSpec.AUTO, MetricsSourceSpec.TARGET,
            MetricsSourceSpec.PODS, MetricsSourceSpec.PROMETHEUS, MetricsSourceSpec.NONE);

    private final ManifestValidator.Mode mode;

    private MetricsSourceChecks(ManifestValidator.Mode mode) {
        this.mode = mode;
    }

    static List<Violation> check(String path, MetricsSourceSpec metrics, ManifestValidator.Mode mode) {
        MetricsSourceChecks checks = new MetricsSourceChecks(mode);
        checks.check(path, metrics);
        return checks.violations;
    }

    private void check(String p, MetricsSourceSpec m) {
        if (m == null) {
            return;
        }
        String source = m.source() == null ? MetricsSourceSpec.AUTO : m.source();
        if (!SOURCES.contains(source)) {
            add(p + ".source", "must be one of auto, target, pods, prometheus, none");
            return;
        }
        duration(p + ".interval", m.interval());
        if (m.url() != null) {
            url(p + ".url", m.url());
        }
        if (m.prometheusUrl() != null) {
            url(p + ".prometheusUrl", m.prometheusUrl());
        }
        port(p + ".port", m.port());
        if (m.path() != null && !m.path().startsWith("/")) {
            add(p + ".path", "must start with /, e.g. /metrics");
        }
        selector(p + ".podSelector", m.podSelector());
        boolean selects = m.podSelector() != null && !m.podSelector().isEmpty();
        switch (source) {
            case MetricsSourceSpec.PODS:
                if (mode == ManifestValidator.Mode.LOCAL) {
                    add(p + ".source", "pods are listed only by the operator: use source target (or url) to scrape "
                            + "from the CLI");
                } else if (!selects) {
                    add(p + ".podSelector", "required with source pods: the labels of the inference server pods, "
                            + "e.g. {app: vllm}");
                }
                break;
            case MetricsSourceSpec.PROMETHEUS:
                if (blank(m.prometheusUrl())) {
                    add(p + ".prometheusUrl", "required with source prometheus, e.g. http://prometheus.monitoring:9090");
                }
                promLabels(p + ".podSelector", m.podSelector());
                if (m.dcgm() != null) {
                    promLabels(p + ".dcgm.podSelector", m.dcgm().podSelector());
                }
                break;
            default:
                break;
        }
        if (m.url() != null && !source.equals(MetricsSourceSpec.AUTO) && !source.equals(MetricsSourceSpec.TARGET)) {
            add(p + ".url", "is scraped only with source auto or target: remove it or change source");
        }
        if (m.prometheusUrl() != null && !source.equals(MetricsSourceSpec.AUTO)
                && !source.equals(MetricsSourceSpec.PROMETHEUS)) {
            add(p + ".prometheusUrl", "is queried only with source auto or prometheus: remove it or change source");
        }
        if (m.dcgm() != null) {
            String d = p + ".dcgm";
            if (m.dcgm().url() != null) {
                url(d + ".url", m.dcgm().url());
            }
            port(d + ".port", m.dcgm().port());
            selector(d + ".podSelector", m.dcgm().podSelector());
            if (m.dcgm().url() != null && m.dcgm().podSelector() != null) {
                add(d, "set either dcgm.url or dcgm.podSelector, not both");
            }
        }
    }

    private void selector(String path, Map<String, String> labels) {
        if (labels == null) {
            return;
        }
        if (labels.isEmpty()) {
            add(path, "must not be empty: an empty selector would match every pod");
        }
        labels.forEach((k, v) -> {
            if (blank(k) || v == null) {
                add(path, "every label needs a name and a value, e.g. {app: vllm}");
            }
        });
    }

    /** Prometheus label names are [a-zA-Z_][a-zA-Z0-9_]*: a Kubernetes label key such as app.kubernetes.io/name is not. */
    private void promLabels(String path, Map<String, String> labels) {
        if (labels == null) {
            return;
        }
        for (String key : labels.keySet()) {
            if (key != null && !key.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                add(path, "'" + key + "' is not a Prometheus label name: with source prometheus write the label as "
                        + "Prometheus stores it, e.g. app_kubernetes_io_name");
            }
        }
    }
}
