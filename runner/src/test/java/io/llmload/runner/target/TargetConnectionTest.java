package io.llmload.runner.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmload.runner.servermetrics.FakeHttpServer;
import io.llmload.runner.spec.HeaderSpec;
import io.llmload.runner.spec.ProxySpec;
import io.llmload.runner.spec.TargetSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API base path, the proxy decision (spec, environment, NO_PROXY, loopback) and header resolution. */
class TargetConnectionTest {

    @Test
    void theApiBaseIsV1UnderTheUrlUnlessTheUrlEndsInV1OrABasePathIsGiven() {
        assertThat(TargetConnection.apiBase(URI.create("http://vllm:8000"), null)).isEqualTo("/v1");
        assertThat(TargetConnection.apiBase(URI.create("http://vllm:8000/"), null)).isEqualTo("/v1");
        assertThat(TargetConnection.apiBase(URI.create("http://gw/team-a"), null)).isEqualTo("/team-a/v1");
        assertThat(TargetConnection.apiBase(URI.create("https://api.corp/v1"), null)).isEqualTo("/v1");
        assertThat(TargetConnection.apiBase(URI.create("https://gw.corp"), "/openai/v1")).isEqualTo("/openai/v1");
        assertThat(TargetConnection.apiBase(URI.create("https://gw.corp/llm"), "/openai/v1/"))
                .isEqualTo("/llm/openai/v1");
    }

    @Test
    void theEnvironmentProxyAppliesBySchemeExceptNoProxyHostsAndLoopback() {
        Map<String, String> env = Map.of("HTTPS_PROXY", "http://user:pa55@proxy.corp:3128", "http_proxy",
                "proxy.corp:8080", "NO_PROXY", ".svc.cluster.local,10.0.0.0/8,internal.corp");
        ProxySettings https = ProxySettings.resolve(URI.create("https://api.example.com"), null, env);
        assertThat(https.host()).isEqualTo("proxy.corp");
        assertThat(https.port()).isEqualTo(3128);
        assertThat(https.username()).isEqualTo("user");
        assertThat(https.label()).isEqualTo("proxy.corp:3128 (HTTPS_PROXY)").doesNotContain("pa55");
        assertThat(ProxySettings.resolve(URI.create("http://api.example.com"), null, env).port()).isEqualTo(8080);
        assertThat(ProxySettings.resolve(URI.create("http://vllm.models.svc.cluster.local:8000"), null, env)).isNull();
        assertThat(ProxySettings.resolve(URI.create("https://10.1.2.3"), null, env)).isNull();
        assertThat(ProxySettings.resolve(URI.create("https://api.internal.corp"), null, env)).isNull();
        assertThat(ProxySettings.resolve(URI.create("https://127.0.0.1:8000"), null, env)).isNull();
        assertThat(ProxySettings.resolve(URI.create("https://localhost:8000"), null, env)).isNull();
        assertThat(ProxySettings.resolve(URI.create("https://api.example.com"), new ProxySpec(null, null, true), env))
                .isNull();
        assertThat(ProxySettings.resolve(URI.create("https://api.example.com"), null, Map.of())).isNull();
    }

    @Test
    void anExplicitProxyIsUsedEvenForLoopbackAndCarriesEveryRequest() {
        try (FakeHttpServer proxy = new FakeHttpServer()) {
            List<String> hosts = new java.util.concurrent.CopyOnWriteArrayList<>();
            proxy.route("/v1/models", r -> {
                hosts.add(r.uri() + " host=" + r.getHeader("host"));
                return new FakeHttpServer.Answer(200, "{\"data\":[{\"id\":\"via-proxy\"}]}");
            });
            URI target = URI.create("http://127.0.0.2:9");
            TargetSpec spec = TargetSpec.EMPTY.withUrl(target.toString());
            spec = new TargetSpec(spec.url(), null, null, null, null, null, null, null, null, null, null, null, null,
                    new ProxySpec(proxy.baseUrl(), List.of("other.corp"), null));
            TargetConnection connection = TargetConnection.resolve(target, spec, Map.of());
            ModelChoice choice = ModelChoice.resolve(null, null, target, connection, null, Duration.ofSeconds(10));
            assertThat(choice).isEqualTo(new ModelChoice("via-proxy", ModelChoice.DISCOVERED));
            assertThat(hosts).containsExactly("http://127.0.0.2:9/v1/models host=127.0.0.2:9");
            assertThat(connection.describe().get("proxy")).isEqualTo("127.0.0.1:" + proxy.baseUrl()
                    .substring(proxy.baseUrl().lastIndexOf(':') + 1) + " (spec.target.proxy.url)");
        }
    }

    @Test
    void headerValuesComeFromTheEnvironmentAndAreRedacted() {
        List<HeaderSpec> headers = List.of(new HeaderSpec("X-Key", null, "GW_KEY", null),
                new HeaderSpec("X-Tenant", "team-a", null, null),
                new HeaderSpec("X-Secret", null, null, new io.llmload.runner.spec.SecretKeyRef("gw", "token")));
        RequestHeaders resolved = RequestHeaders.resolve(headers, Map.of("GW_KEY", "k-123456",
                RequestHeaders.secretEnv(2), "from-secret-999"));
        List<String> sent = new java.util.ArrayList<>();
        resolved.addTo((name, value) -> sent.add(name + "=" + value));
        assertThat(sent).containsExactly("X-Key=k-123456", "X-Tenant=team-a", "X-Secret=from-secret-999");
        assertThat(resolved.names()).containsExactly("X-Key (env GW_KEY)", "X-Tenant (inline)",
                "X-Secret (secret gw/token)");
        TargetSpec spec = new TargetSpec("http://h", null, null, null, null, null, null, null, null, null, null, null,
                headers, null);
        TargetConnection connection = TargetConnection.resolve(URI.create("http://h"), spec,
                Map.of("GW_KEY", "k-123456", "LLMLOAD_HEADER_2", "from-secret-999"));
        assertThat(connection.redact("sent k-123456 and from-secret-999")).isEqualTo("sent *** and ***");
        assertThatThrownBy(() -> RequestHeaders.resolve(headers, Map.of()))
                .isInstanceOf(TargetSetupException.class)
                .hasMessage("spec.target.headers[0].valueFromEnv: environment variable GW_KEY is not set: export it, "
                        + "or remove the header");
    }
}
