package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A key in a Kubernetes Secret. */
public record SecretKeyRef(
        @JsonPropertyDescription("Secret name.") String name,
        @JsonPropertyDescription("Key within the Secret.") String key) {
}
