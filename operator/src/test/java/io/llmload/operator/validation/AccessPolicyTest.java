package io.llmload.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private static final AccessPolicy DEFAULTS = new AccessPolicy(Set.of(), List.of(), "ghcr.io/llmload/runner:1",
            List.of(), Set.of());
    private static final AccessPolicy OPENED = new AccessPolicy(Set.of("monitoring"),
            List.of("prometheus.example.com", "*.gpu.example.com", "10.0.0.7", "::1"), "ghcr.io/llmload/runner:1",
            List.of("registry.example.com/llmload-runner:*", "mirror.example.com/runner:1"),
            Set.of("loadgen"));

    @Test
    void servicesOfTheTestsNamespaceAreAllowedInEveryDnsForm() {
        for (String url : List.of("http://vllm.team-a:8000/metrics", "http://vllm.team-a.svc:8000/metrics",
                "http://vllm.team-a.svc.cluster.local:8000/metrics", "https://VLLM.Team-A.svc/metrics")) {
            assertThat(DEFAULTS.urlRefusal("team-a", url)).as(url).isEmpty();
        }
    }

    @Test
    void otherNamespacesBareNamesAndArbitraryHostsAreRefusedWithTheFix() {
        assertThat(DEFAULTS.urlRefusal("team-a", "http://prometheus.monitoring.svc:9090")).hasValue(
                "host 'prometheus.monitoring.svc' is outside the test's namespace: the operator reads metrics only "
                        + "from Services of the test's namespace, written <service>.team-a.svc; the operator's "
                        + "administrator can allow more with llmload.allowed-namespaces or "
                        + "llmload.allowed-metrics-hosts");
        assertThat(DEFAULTS.urlRefusal("team-a", "http://vllm:8000/metrics")).get().asString()
                .startsWith("host 'vllm' has no namespace (from the operator's pod it would resolve in the "
                        + "operator's namespace)");
        for (String url : List.of("http://10.0.0.7:9400/metrics", "http://169.254.169.254/latest/meta-data",
                "https://api.example.com/metrics", "http://[::1]:8000/metrics", "http://kubernetes.default.svc")) {
            assertThat(DEFAULTS.urlRefusal("team-a", url)).as(url).isPresent();
        }
    }

    @Test
    void theConfigurationAllowsNamespacesAndHosts() {
        assertThat(OPENED.urlRefusal("team-a", "http://prometheus.monitoring.svc:9090")).isEmpty();
        assertThat(OPENED.urlRefusal("team-a", "https://prometheus.example.com")).isEmpty();
        assertThat(OPENED.urlRefusal("team-a", "http://node1.gpu.example.com:9400/metrics")).isEmpty();
        assertThat(OPENED.urlRefusal("team-a", "http://gpu.example.com:9400/metrics")).as("*. needs a subdomain")
                .isPresent();
        assertThat(OPENED.urlRefusal("team-a", "http://10.0.0.7:9400/metrics")).isEmpty();
        assertThat(OPENED.urlRefusal("team-a", "http://[::1]:8000/metrics")).isEmpty();
        assertThat(OPENED.urlRefusal("team-a", "http://db.payments.svc")).get().asString()
                .contains("(or of monitoring), or from prometheus.example.com, *.gpu.example.com, 10.0.0.7, ::1;");
        AccessPolicy any = new AccessPolicy(Set.of(), List.of("*"), "img", List.of(), Set.of());
        assertThat(any.urlRefusal("team-a", "http://anything.example.org")).isEmpty();
        assertThat(OPENED.namespaceAllowed("team-a", "monitoring")).isTrue();
        assertThat(OPENED.namespaceAllowed("team-a", "payments")).isFalse();
        assertThat(DEFAULTS.namespaceAllowed("team-a", null)).as("unset: the test's own").isTrue();
    }

    @Test
    void runnerImagesAndServiceAccountsComeFromTheAllowlists() {
        assertThat(DEFAULTS.imageAllowed(null)).isTrue();
        assertThat(DEFAULTS.imageAllowed("ghcr.io/llmload/runner:1")).isTrue();
        assertThat(DEFAULTS.imageAllowed("ghcr.io/llmload/runner:2")).isFalse();
        assertThat(OPENED.imageAllowed("registry.example.com/llmload-runner:0.2.0")).isTrue();
        assertThat(OPENED.imageAllowed("registry.example.com/llmload-runner-evil:1")).isFalse();
        assertThat(OPENED.imageAllowed("mirror.example.com/runner:1")).isTrue();
        assertThat(OPENED.imageAllowed("mirror.example.com/runner:10")).isFalse();
        assertThat(DEFAULTS.serviceAccountAllowed(null)).isTrue();
        assertThat(DEFAULTS.serviceAccountAllowed("loadgen")).isFalse();
        assertThat(OPENED.serviceAccountAllowed("loadgen")).isTrue();
        assertThat(OPENED.serviceAccountAllowed("default-admin")).isFalse();
    }
}
