package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One extra request header. The value is inline (not secret: it is stored in the manifest, the CR and the plan), or
 * read at run time from an environment variable (CLI, or {@code runners.env}) or a Secret key (operator: injected
 * into the runner pods as an environment variable). Values never appear in logs, reports or status.
 */
public record HeaderSpec(
        @JsonPropertyDescription("Header name, e.g. X-Tenant.") String name,
        @JsonPropertyDescription("Inline value (for values that are not secret).") String value,
        @JsonPropertyDescription("Name of an environment variable holding the value.") String valueFromEnv,
        @JsonPropertyDescription("Secret key holding the value (operator).") SecretKeyRef secretKeyRef) {

    /** Where the value comes from, as reports show it (never the value itself). */
    public String source() {
        if (valueFromEnv != null) {
            return "env " + valueFromEnv;
        }
        if (secretKeyRef != null) {
            return "secret " + secretKeyRef.name() + "/" + secretKeyRef.key();
        }
        return "inline";
    }
}
