package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.Duration;

/** The OpenAI-compatible endpoint under test. */
@ValidationRule(value = "has(self.url) != has(self.service)",
        message = "give exactly one target: url or service (the embedded simulator is for the CLI; in a cluster "
                + "deploy it as in examples/quickstart-k8s.yaml and target its Service)")
public record TargetSpec(
        @JsonPropertyDescription("Base URL of the OpenAI-compatible server, e.g. http://vllm.models.svc:8000. "
                + "Leave url and service empty (CLI) to use the embedded simulator.") String url,
        @JsonPropertyDescription("In-cluster Service to target instead of url (operator only).") ServiceRef service,
        @JsonPropertyDescription("Model name sent in every request.") String model,
        @JsonPropertyDescription("Name of an environment variable holding the bearer token (CLI).") String apiKeyEnv,
        @JsonPropertyDescription("Secret key holding the bearer token (operator: injected into runner pods).") SecretKeyRef apiKeySecretRef,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("Per-request timeout, e.g. 60s (default 120s).") String timeout,
        @Min(1)
        @JsonPropertyDescription("Maximum open connections per runner (default: enough for the offered load).") Integer maxConnections,
        @JsonPropertyDescription("Embedded simulator settings, used when no url is set (CLI).") SimulatorSpec simulator,
        @JsonPropertyDescription("Where to read the server's own metrics (KV cache, queue, GPU) during the run.") MetricsSourceSpec metrics) {

    /** The per-request timeout when {@code timeout} is not set; also the default graceful stop. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    /** A target section with nothing set (a manifest without one). */
    public static final TargetSpec EMPTY = new TargetSpec(null, null, null, null, null, null, null, null, null);

    public static TargetSpec orEmpty(TargetSpec target) {
        return target == null ? EMPTY : target;
    }
}
