package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The traffic: a weighted mix of request types. */
public record WorkloadSpec(
        @JsonPropertyDescription("Weighted request types; each gets its own metrics.") List<RequestTypeSpec> mix,
        @JsonPropertyDescription("Seed for prompt synthesis and mix choice (default 1): same seed, same requests.") Long seed,
        @JsonPropertyDescription("Client retry policy for failed requests (default: no retries).") RetrySpec retry) {

    /** A workload without a retry policy. */
    public WorkloadSpec(List<RequestTypeSpec> mix, Long seed) {
        this(mix, seed, null);
    }
}
