package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A key in a Kubernetes ConfigMap, in the test's namespace. */
public record ConfigMapKeyRef(
        @JsonPropertyDescription("ConfigMap name.") String name,
        @JsonPropertyDescription("Key within the ConfigMap.") String key) {
}
