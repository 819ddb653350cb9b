package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** What the operator removes once a test finishes, and when; the LlmLoadTest itself and its status are kept. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CleanupSpec {

    /** Constants are named as they appear in YAML, so the CRD's enum reads like the manifest. */
    public enum Policy {
        Always, OnSuccess, Never
    }

    @Default("Always")
    @JsonPropertyDescription("When to delete the runner pods and services: Always, OnSuccess (keep them after a "
            + "failure for debugging) or Never (default Always).")
    private Policy policy;

    @Min(0)
    @JsonPropertyDescription("Wait this many seconds after the test finishes before cleaning up (default 0).")
    private Integer ttlSecondsAfterFinished;

    public Policy getPolicy() {
        return policy;
    }

    public void setPolicy(Policy policy) {
        this.policy = policy;
    }

    public Integer getTtlSecondsAfterFinished() {
        return ttlSecondsAfterFinished;
    }

    public void setTtlSecondsAfterFinished(Integer ttlSecondsAfterFinished) {
        this.ttlSecondsAfterFinished = ttlSecondsAfterFinished;
    }
}
