package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A Kubernetes Service serving the OpenAI-compatible API. */
public record ServiceRef(
        @JsonPropertyDescription("Service name.") String name,
        @JsonPropertyDescription("Service port (default 8000).") Integer port,
        @JsonPropertyDescription("Namespace (default: the test's namespace).") String namespace) {
}
