package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * status.trigger: where the test's triggers stand — what it waits for, the revision it last accounted for, a
 * completed rollout settling, the next schedule tick. Kept in the status so an operator restart loses nothing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TriggerStatus(
        @JsonPropertyDescription("Waiting (for a rollout or tick), RolloutInProgress, RolloutFailed, Settling (a "
                + "rollout completed; the run starts after spec.trigger.onRollout.settle), Queued (a run will follow "
                + "the active one) or WorkloadMissing.")
        String state,
        @JsonPropertyDescription("The state in words.")
        String message,
        @JsonPropertyDescription("The workload revision the test last accounted for: the one its latest run started "
                + "against, or the one already there when it was created with onCreate: false.")
        RevisionStatus revision,
        @JsonPropertyDescription("Fingerprint of the latest revision seen complete and not yet run against.")
        String completedRevision,
        @JsonPropertyDescription("When that revision was first seen complete (RFC 3339): settle counts from here.")
        String completedAt,
        @JsonPropertyDescription("The next schedule tick (RFC 3339), with spec.trigger.schedule.")
        String nextScheduledRun) {

    public static final String WAITING = "Waiting";
    public static final String ROLLOUT_IN_PROGRESS = "RolloutInProgress";
    public static final String ROLLOUT_FAILED = "RolloutFailed";
    public static final String SETTLING = "Settling";
    public static final String QUEUED = "Queued";
    public static final String WORKLOAD_MISSING = "WorkloadMissing";
}
