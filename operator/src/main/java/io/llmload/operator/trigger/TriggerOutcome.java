package io.llmload.operator.trigger;

import io.llmload.operator.api.v1alpha1.TriggerStatus;
import java.time.Instant;
import java.util.List;

/**
 * What the triggers of a test ask for now (see {@link Triggers}).
 *
 * @param start the run to start now, or null
 * @param skippedTick a schedule tick that came while a run was active (worth an Event), or null
 * @param spansRollout the active run's workload changed revision under it
 * @param next status.trigger to keep
 * @param recheckAt when to look again without an event (a settle ending, the next tick), or null
 */
public record TriggerOutcome(Start start, Instant skippedTick, boolean spansRollout, TriggerStatus next,
        Instant recheckAt) {

    /**
     * A run to start.
     *
     * @param trigger rollout or schedule (RunRecord's trigger names)
     * @param revision the followed workload's revision the run measures, when known
     */
    public record Start(String trigger, String reason, WorkloadRevision revision, List<String> changes) {
    }
}
