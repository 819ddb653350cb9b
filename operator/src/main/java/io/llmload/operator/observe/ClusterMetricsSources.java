package io.llmload.operator.observe;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.dependent.WorkerPlans;
import io.llmload.operator.validation.AccessChecks;
import io.llmload.operator.validation.AccessPolicy;
import io.llmload.runner.servermetrics.PrometheusQueries;
import io.llmload.runner.servermetrics.PrometheusSource;
import io.llmload.runner.servermetrics.ScrapeEndpoint;
import io.llmload.runner.servermetrics.ServerMetricsSource;
import io.llmload.runner.servermetrics.ServerScraper;
import io.llmload.runner.spec.Durations;
import io.llmload.runner.spec.MetricsSourceSpec;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the operator reads a test's server metrics, from {@code spec.target.metrics}: every pod matching the pod
 * selector (listed through the API server at each scrape, so restarts and scale-ups are followed, and scraped on its
 * pod IP), the target Service's or URL's {@code /metrics} (NIM: {@code /v1/metrics}), the DCGM exporter pods or
 * URL; or Prometheus at the end of the test. Only what the validated spec names, inside the operator's {@link
 * AccessPolicy} ({@link AccessChecks}): Prometheus queries always match a namespace, the test's by default, so a
 * test never reads another namespace's series through the operator.
 */
final class ClusterMetricsSources {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    private ClusterMetricsSources() {
    }

    /** Not started; null for {@code source: none}, and when the target may not be read by default. */
    static ServerMetricsSource create(LlmLoadTest test, KubernetesClient client, Vertx vertx, AccessPolicy policy) {
        if (AccessChecks.implicitTargetRefusal(test, policy).isPresent()) {
            return null;
        }
        var target = test.getSpec().getTarget();
        MetricsSourceSpec m = MetricsSourceSpec.orDefaults(target.metrics());
        String source = m.effectiveSource(true);
        Duration interval = Durations.parseOr(m.interval(), DEFAULT_INTERVAL);
        String namespace = test.getMetadata().getNamespace();
        switch (source) {
            case MetricsSourceSpec.NONE:
                return null;
            case MetricsSourceSpec.PROMETHEUS:
                return new PrometheusSource(vertx, URI.create(m.prometheusUrl().trim()),
                        PrometheusQueries.of(inNamespace(m, namespace)), interval);
            case MetricsSourceSpec.PODS:
                String podNamespace = m.namespace() != null ? m.namespace() : namespace;
                String description = "pods " + selector(m.podSelector()) + " in " + podNamespace
                        + dcgmDescription(m.dcgm(), namespace);
                return new ServerScraper(vertx, description, interval, () -> {
                    List<ScrapeEndpoint> endpoints = new ArrayList<>(podEndpoints(client, podNamespace,
                            m.podSelector(), m.portOrDefault(), m.pathOrDefault()));
                    endpoints.addAll(dcgmEndpoints(client, m.dcgm(), namespace));
                    return endpoints;
                });
            default:
                String base = WorkerPlans.targetUrl(target, namespace);
                ScrapeEndpoint server = m.url() != null ? ScrapeEndpoint.of("target", URI.create(m.url().trim()))
                        : new ScrapeEndpoint("target", List.of(URI.create(base + "/metrics"),
                                URI.create(base + "/v1/metrics")));
                // The scraped URLs describe themselves; DCGM pods come and go, so they are named by their selector.
                boolean dcgmPods = m.dcgm() != null && m.dcgm().url() == null && m.dcgm().podSelector() != null;
                String described = dcgmPods ? server.candidates().get(0) + dcgmDescription(m.dcgm(), namespace) : null;
                return new ServerScraper(vertx, described, interval, () -> {
                    List<ScrapeEndpoint> endpoints = new ArrayList<>();
                    endpoints.add(server);
                    endpoints.addAll(dcgmEndpoints(client, m.dcgm(), namespace));
                    return endpoints;
                });
        }
    }

    /** The spec with the test's namespace wherever it names none (Prometheus matchers: server and DCGM series). */
    static MetricsSourceSpec inNamespace(MetricsSourceSpec m, String testNamespace) {
        MetricsSourceSpec.DcgmSpec dcgm = m.dcgm() == null ? null : new MetricsSourceSpec.DcgmSpec(
                m.dcgm().podSelector(), orElse(m.dcgm().namespace(), testNamespace), m.dcgm().port(), m.dcgm().url());
        return new MetricsSourceSpec(m.source(), m.interval(), m.url(), m.podSelector(),
                orElse(m.namespace(), testNamespace), m.port(), m.path(), m.prometheusUrl(), dcgm);
    }

    private static String orElse(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }

    /** DCGM exporters: its URL, or each of its pods. */
    private static List<ScrapeEndpoint> dcgmEndpoints(KubernetesClient client, MetricsSourceSpec.DcgmSpec dcgm,
            String testNamespace) {
        if (dcgm == null) {
            return List.of();
        }
        if (dcgm.url() != null) {
            return List.of(ScrapeEndpoint.of("dcgm", URI.create(dcgm.url().trim())));
        }
        if (dcgm.podSelector() == null) {
            return List.of();
        }
        return podEndpoints(client, dcgm.namespace() != null ? dcgm.namespace() : testNamespace, dcgm.podSelector(),
                dcgm.portOrDefault(), MetricsSourceSpec.DEFAULT_PATH);
    }

    /** Running, not terminating pods with an IP: one endpoint each, named by the pod. */
    static List<ScrapeEndpoint> podEndpoints(KubernetesClient client, String namespace, Map<String, String> selector,
            int port, String path) {
        List<ScrapeEndpoint> endpoints = new ArrayList<>();
        for (Pod pod : client.pods().inNamespace(namespace).withLabels(selector).list().getItems()) {
            var status = pod.getStatus();
            if (pod.getMetadata().getDeletionTimestamp() != null || status == null || status.getPodIP() == null
                    || !"Running".equals(status.getPhase())) {
                continue;
            }
            String ip = status.getPodIP();
            String host = ip.contains(":") ? "[" + ip + "]" : ip; // IPv6
            endpoints.add(ScrapeEndpoint.of("pod/" + pod.getMetadata().getName(),
                    URI.create("http://" + host + ":" + port + path)));
        }
        return endpoints;
    }

    private static String dcgmDescription(MetricsSourceSpec.DcgmSpec dcgm, String testNamespace) {
        if (dcgm == null) {
            return "";
        }
        if (dcgm.url() != null) {
            return ", DCGM " + dcgm.url();
        }
        return dcgm.podSelector() == null ? "" : ", DCGM pods " + selector(dcgm.podSelector()) + " in "
                + (dcgm.namespace() != null ? dcgm.namespace() : testNamespace);
    }

    private static String selector(Map<String, String> labels) {
        return labels.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
