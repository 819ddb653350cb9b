package io.llmload.operator.trigger;

/**
 * Where a workload's rollout stands: complete (every replica serves the latest revision and is available) or what
 * it is still waiting for, and the revision its spec asks for.
 *
 * @param waitingFor why the rollout is not complete, in words ("2 of 3 replicas updated"); null when complete
 * @param failed the rollout has stopped without completing (a progress deadline exceeded): it will not complete
 *     until someone changes the workload
 */
public record RolloutState(boolean complete, String waitingFor, boolean failed, WorkloadRevision revision) {

    static RolloutState complete(WorkloadRevision revision) {
        return new RolloutState(true, null, false, revision);
    }

    static RolloutState waiting(String waitingFor, WorkloadRevision revision) {
        return new RolloutState(false, waitingFor, false, revision);
    }

    static RolloutState failed(String reason, WorkloadRevision revision) {
        return new RolloutState(false, reason, true, revision);
    }
}
