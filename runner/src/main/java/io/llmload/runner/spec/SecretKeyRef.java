package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** A key in a Kubernetes Secret. */
@ValidationRule(value = "has(self.name) && size(self.name) > 0 && has(self.key) && size(self.key) > 0",
        message = "a Secret reference needs both name and key")
public record SecretKeyRef(
        @JsonPropertyDescription("Secret name.") String name,
        @JsonPropertyDescription("Key within the Secret.") String key) {
}
