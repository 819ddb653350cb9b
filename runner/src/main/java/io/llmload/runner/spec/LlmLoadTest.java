package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The manifest a user writes: the same YAML the CLI runs and {@code kubectl apply} submits. The operator's custom
 * resource class embeds {@link LoadTestSpec}'s parts, so both read one format.
 */
public record LlmLoadTest(
        String apiVersion,
        String kind,
        Metadata metadata,
        @JsonPropertyDescription("What to test and how.") LoadTestSpec spec) {

    public static final String API_VERSION = "llmload.io/v1alpha1";
    public static final String KIND = "LlmLoadTest";

    public String name() {
        return metadata == null || metadata.name() == null ? "llmload" : metadata.name();
    }
}
