package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * The client's retry policy (off unless {@code maxRetries} > 0). Retries never hide the first attempt: it is recorded
 * like any request, and retry attempts are reported apart (report.json {@code retries}).
 */
public record RetrySpec(
        @Min(0)
        @JsonPropertyDescription("Retries per request after the first attempt (default 0: off).") Integer maxRetries,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("Backoff cap of the first retry, doubled per retry; the wait is drawn uniformly "
                + "below the cap (full jitter). Default 500ms.") String initialBackoff,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("Largest backoff cap (default 30s).") String maxBackoff,
        @JsonPropertyDescription("Wait at least the server's Retry-After when it sends one (default true).")
        Boolean honorRetryAfter,
        @Size(max = SpecLimits.ERROR_CLASSES)
        @JsonPropertyDescription("Error classes that are retried: rateLimited, server, client, timeout, connection, "
                + "protocol (default [rateLimited, server]).") List<String> errors) {

    public static final String DEFAULT_INITIAL_BACKOFF = "500ms";
    public static final String DEFAULT_MAX_BACKOFF = "30s";
    public static final List<String> DEFAULT_ERRORS = List.of("rateLimited", "server");
}
