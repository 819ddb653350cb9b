package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.Duration;
import java.util.List;

/** The OpenAI-compatible endpoint under test. */
@ValidationRule(value = "has(self.url) != has(self.service)",
        message = "give exactly one target: url or service (the embedded simulator is for the CLI; in a cluster "
                + "deploy it as in examples/quickstart-k8s.yaml and target its Service)")
public record TargetSpec(
        @JsonPropertyDescription("Base URL of the OpenAI-compatible server, e.g. http://vllm.models.svc:8000. "
                + "Leave url and service empty (CLI) to use the embedded simulator.") String url,
        @JsonPropertyDescription("In-cluster Service to target instead of url (operator only).") ServiceRef service,
        @JsonPropertyDescription("Model name sent in every request. Leave it empty to ask the server (GET /v1/models): "
                + "its only model is used; several are an error that lists them.") String model,
        @JsonPropertyDescription("Name of an environment variable holding the bearer token (CLI).") String apiKeyEnv,
        @JsonPropertyDescription("Secret key holding the bearer token (operator: injected into runner pods).") SecretKeyRef apiKeySecretRef,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("Per-request timeout, e.g. 60s (default 120s).") String timeout,
        @Min(1)
        @JsonPropertyDescription("Maximum open connections per runner (default: enough for the offered load).") Integer maxConnections,
        @JsonPropertyDescription("Embedded simulator settings, used when no url is set (CLI).") SimulatorSpec simulator,
        @JsonPropertyDescription("Where to read the server's own metrics (KV cache, queue, GPU) during the run.") MetricsSourceSpec metrics,
        @Min(1024)
        @JsonPropertyDescription("Longest SSE line or event accepted from a streamed response, in bytes (default 1048576 = "
                + "1 MiB); a longer one ends that request as a protocol error.") Integer maxEventBytes,
        @Pattern("^/.*$")
        @JsonPropertyDescription("Path the OpenAI-compatible API is served under (default /v1, or the url's own path "
                + "when it ends in /v1): requests go to <url><basePath>/chat/completions. E.g. /openai/v1 behind a "
                + "gateway.") String basePath,
        @JsonPropertyDescription("TLS for https targets: a private CA, a client certificate (mTLS), or "
                + "insecureSkipVerify.") TlsSpec tls,
        @Size(max = SpecLimits.HEADERS)
        @JsonPropertyDescription("Extra request headers (gateways, tenants). Sensitive values come from an environment "
                + "variable or a Secret and are never logged or reported.") List<HeaderSpec> headers,
        @JsonPropertyDescription("HTTP(S) proxy to reach the target (default: HTTPS_PROXY / HTTP_PROXY / NO_PROXY from "
                + "the environment).") ProxySpec proxy) {

    /** The per-request timeout when {@code timeout} is not set; also the default graceful stop. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    /** A target section with nothing set (a manifest without one). */
    public static final TargetSpec EMPTY = new TargetSpec(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null);

    /** The older nine-field form (url, service, model, keys, timeout, pool, simulator, metrics). */
    public TargetSpec(String url, ServiceRef service, String model, String apiKeyEnv, SecretKeyRef apiKeySecretRef,
            String timeout, Integer maxConnections, SimulatorSpec simulator, MetricsSourceSpec metrics) {
        this(url, service, model, apiKeyEnv, apiKeySecretRef, timeout, maxConnections, simulator, metrics, null,
                null, null, null, null);
    }

    /** The same target at another URL (null: none, the simulator) instead of its url or Service. */
    public TargetSpec withUrl(String newUrl) {
        return new TargetSpec(newUrl, null, model, apiKeyEnv, apiKeySecretRef, timeout, maxConnections, simulator,
                metrics, maxEventBytes, basePath, tls, headers, proxy);
    }

    /** The same target with another model (null: ask the server). */
    public TargetSpec withModel(String newModel) {
        return new TargetSpec(url, service, newModel, apiKeyEnv, apiKeySecretRef, timeout, maxConnections, simulator,
                metrics, maxEventBytes, basePath, tls, headers, proxy);
    }

    /** The same target with its TLS section replaced (files resolved). */
    public TargetSpec withTls(TlsSpec replacement) {
        return new TargetSpec(url, service, model, apiKeyEnv, apiKeySecretRef, timeout, maxConnections, simulator,
                metrics, maxEventBytes, basePath, replacement, headers, proxy);
    }

    /** Extra headers, never null. */
    public List<HeaderSpec> headerList() {
        return headers == null ? List.of() : headers;
    }

    public static TargetSpec orEmpty(TargetSpec target) {
        return target == null ? EMPTY : target;
    }
}
