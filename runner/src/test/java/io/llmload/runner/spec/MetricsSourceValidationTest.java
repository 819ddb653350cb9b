package io.llmload.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.spec.ManifestValidator.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** spec.target.metrics: every source needs its own fields; pods can only be listed by the operator. */
class MetricsSourceValidationTest {

    private static List<Violation> withMetrics(String metrics, Mode mode) throws InvalidManifestException {
        String yaml = """
                apiVersion: llmload.io/v1alpha1
                kind: LlmLoadTest
                metadata: {name: t}
                spec:
                  target: {url: "http://vllm.models.svc:8000", model: m, metrics: %s}
                  workload: {mix: [{name: chat, api: chat, prompt: {text: Hello}}]}
                  load: {model: closed, stages: [{duration: 10s, users: 2}]}
                """.formatted(metrics);
        return ManifestValidator.validate(ManifestReader.parse(yaml), mode);
    }

    private static List<String> paths(String metrics, Mode mode) throws InvalidManifestException {
        return withMetrics(metrics, mode).stream().map(Violation::path).toList();
    }

    @Test
    void everySourceWithItsFieldsIsValid() throws Exception {
        assertThat(withMetrics("{}", Mode.LOCAL)).isEmpty();
        assertThat(withMetrics("{source: target, interval: 10s, url: 'http://vllm:8000/metrics', "
                + "dcgm: {url: 'http://dcgm:9400/metrics'}}", Mode.LOCAL)).isEmpty();
        assertThat(withMetrics("{source: pods, podSelector: {app: vllm}, namespace: models, port: 8080, "
                + "path: /v1/metrics, dcgm: {podSelector: {app: dcgm}, namespace: gpu-operator, port: 9400}}",
                Mode.CLUSTER)).isEmpty();
        assertThat(withMetrics("{source: prometheus, prometheusUrl: 'http://prometheus.monitoring:9090', "
                + "podSelector: {app: vllm}}", Mode.LOCAL)).isEmpty();
        assertThat(withMetrics("{source: none}", Mode.CLUSTER)).isEmpty();
    }

    @Test
    void podsNeedASelectorAndTheOperator() throws Exception {
        assertThat(paths("{source: pods}", Mode.CLUSTER)).containsExactly("spec.target.metrics.podSelector");
        List<Violation> local = withMetrics("{source: pods, podSelector: {app: vllm}}", Mode.LOCAL);
        assertThat(local).extracting(Violation::path).containsExactly("spec.target.metrics.source");
        assertThat(local.get(0).message()).contains("only by the operator").contains("source target");
        assertThat(paths("{source: pods, podSelector: {}}", Mode.CLUSTER))
                .contains("spec.target.metrics.podSelector");
    }

    @Test
    void prometheusNeedsItsUrlAndPrometheusLabelNames() throws Exception {
        assertThat(paths("{source: prometheus}", Mode.CLUSTER)).containsExactly("spec.target.metrics.prometheusUrl");
        List<Violation> labels = withMetrics("{source: prometheus, prometheusUrl: 'http://p:9090', "
                + "podSelector: {app.kubernetes.io/name: vllm}}", Mode.CLUSTER);
        assertThat(labels).extracting(Violation::path).containsExactly("spec.target.metrics.podSelector");
        assertThat(labels.get(0).message()).contains("app_kubernetes_io_name");
        assertThat(paths("{source: prometheus, prometheusUrl: 'ftp://p'}", Mode.CLUSTER))
                .containsExactly("spec.target.metrics.prometheusUrl");
    }

    @Test
    void fieldsTheChosenSourceIgnoresAndBadValuesAreNamed() throws Exception {
        assertThat(paths("{source: radio}", Mode.LOCAL)).containsExactly("spec.target.metrics.source");
        assertThat(paths("{source: none, url: 'http://x:1/metrics'}", Mode.LOCAL))
                .containsExactly("spec.target.metrics.url");
        assertThat(paths("{source: target, prometheusUrl: 'http://p:9090'}", Mode.LOCAL))
                .containsExactly("spec.target.metrics.prometheusUrl");
        assertThat(paths("{interval: fast, port: 0, path: metrics}", Mode.LOCAL)).containsExactlyInAnyOrder(
                "spec.target.metrics.interval", "spec.target.metrics.port", "spec.target.metrics.path");
        assertThat(paths("{dcgm: {url: 'http://d:9400/metrics', podSelector: {app: d}, port: 70000}}", Mode.CLUSTER))
                .containsExactlyInAnyOrder("spec.target.metrics.dcgm", "spec.target.metrics.dcgm.port");
    }

    @Test
    void autoPicksPrometheusThenPodsWhereTheyCanBeListedThenTheTarget() {
        MetricsSourceSpec prom = new MetricsSourceSpec(null, null, null, java.util.Map.of("app", "v"), null, null,
                null, "http://p:9090", null);
        assertThat(prom.effectiveSource(true)).isEqualTo("prometheus");
        MetricsSourceSpec pods = new MetricsSourceSpec("auto", null, null, java.util.Map.of("app", "v"), null, null,
                null, null, null);
        assertThat(pods.effectiveSource(true)).isEqualTo("pods");
        assertThat(pods.effectiveSource(false)).isEqualTo("target");
        assertThat(MetricsSourceSpec.DEFAULTS.effectiveSource(true)).isEqualTo("target");
    }
}
