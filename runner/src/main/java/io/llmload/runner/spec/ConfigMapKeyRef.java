package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** A key in a Kubernetes ConfigMap, in the test's namespace. */
@ValidationRule(value = "has(self.name) && size(self.name) > 0 && has(self.key) && size(self.key) > 0",
        message = "a ConfigMap reference needs both name and key")
public record ConfigMapKeyRef(
        @JsonPropertyDescription("ConfigMap name.") String name,
        @JsonPropertyDescription("Key within the ConfigMap.") String key) {
}
