package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** A Kubernetes Service serving the OpenAI-compatible API. */
@ValidationRule(value = "has(self.name) && size(self.name) > 0", message = "a Service reference needs the Service's name")
public record ServiceRef(
        @JsonPropertyDescription("Service name.") String name,
        @JsonPropertyDescription("Service port (default 8000).") Integer port,
        @JsonPropertyDescription("Namespace (default: the test's namespace).") String namespace) {
}
