package io.llmload.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.runner.spec.Violation;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a test's spec makes the operator read or run, against the access policy: each refusal names the field. */
class AccessChecksTest {

    private static final AccessPolicy POLICY = new AccessPolicy(Set.of("monitoring"), List.of(), "runner:1",
            List.of(), Set.of());

    private static LlmLoadTest test(String target) {
        return Serialization.unmarshal("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n"
                + "metadata: {name: t, namespace: team-a}\n"
                + "spec:\n  target: " + target + "\n"
                + "  workload: {mix: [{name: c, api: chat}]}\n"
                + "  load: {stages: [{duration: 1s, users: 1}]}\n", LlmLoadTest.class);
    }

    private static List<String> fields(String target) {
        return AccessChecks.check(test(target), POLICY).stream().map(Violation::path).toList();
    }

    @Test
    void podsAndDcgmPodsMustBeInAnAllowedNamespace() {
        assertThat(fields("{url: 'http://vllm.team-a.svc:8000', model: m, metrics: {source: pods, "
                + "podSelector: {app: vllm}}}")).isEmpty();
        assertThat(fields("{url: 'http://vllm.team-a.svc:8000', model: m, metrics: {source: pods, "
                + "podSelector: {app: vllm}, namespace: monitoring}}")).isEmpty();
        assertThat(fields("{url: 'http://vllm.team-a.svc:8000', model: m, metrics: {source: pods, "
                + "podSelector: {app: vllm}, namespace: models, dcgm: {podSelector: {app: dcgm}, "
                + "namespace: gpu-operator}}}"))
                .containsExactly("spec.target.metrics.namespace", "spec.target.metrics.dcgm.namespace");
    }

    @Test
    void urlsTheOperatorFetchesMustBeInsideThePolicy() {
        assertThat(fields("{url: 'http://vllm.team-a.svc:8000', model: m, metrics: {source: prometheus, "
                + "prometheusUrl: 'http://prometheus.monitoring.svc:9090', namespace: payments}}"))
                .containsExactly("spec.target.metrics.namespace");
        assertThat(fields("{url: 'http://vllm.team-a.svc:8000', model: m, metrics: {source: prometheus, "
                + "prometheusUrl: 'http://thanos.observability.svc:9090'}}"))
                .containsExactly("spec.target.metrics.prometheusUrl");
        assertThat(fields("{url: 'http://vllm.team-a.svc:8000', model: m, metrics: {url: "
                + "'http://10.1.2.3:8000/metrics', dcgm: {url: 'http://dcgm.gpu-operator.svc:9400/metrics'}}}"))
                .containsExactly("spec.target.metrics.url", "spec.target.metrics.dcgm.url");
        // An explicit target source scrapes the target: it must be readable too.
        assertThat(fields("{url: 'http://vllm.models.svc:8000', model: m, metrics: {source: target}}"))
                .containsExactly("spec.target.url");
        assertThat(fields("{service: {name: vllm, namespace: models}, model: m, metrics: {source: target}}"))
                .containsExactly("spec.target.service.namespace");
        // Nothing is read: nothing to check.
        assertThat(fields("{url: 'http://vllm.models.svc:8000', model: m, metrics: {source: none, "
                + "prometheusUrl: 'http://anywhere.example.com'}}")).isEmpty();
    }

    @Test
    void theDefaultScrapeOfAnOutsideTargetIsSkippedNotRefused() {
        LlmLoadTest outside = test("{service: {name: vllm, namespace: models}, model: m}");
        assertThat(AccessChecks.check(outside, POLICY)).isEmpty();
        assertThat(AccessChecks.implicitTargetRefusal(outside, POLICY)).get().asString()
                .startsWith("Not reading the server's metrics: the target's host 'vllm.models.svc' is outside the "
                        + "test's namespace")
                .endsWith("Point spec.target.metrics at an allowed source, or set its source to none to silence "
                        + "this.");
        assertThat(AccessChecks.implicitTargetRefusal(test("{service: {name: vllm}, model: m}"), POLICY)).isEmpty();
        assertThat(AccessChecks.implicitTargetRefusal(test("{url: 'http://vllm.models.svc:8000', model: m, "
                + "metrics: {source: none}}"), POLICY)).isEmpty();
    }
}
