package io.llmload.operator.trigger;

import io.llmload.operator.api.v1alpha1.RevisionStatus;
import io.llmload.operator.api.v1alpha1.TriggerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Whether a followed workload's rollout calls for a run now — the rules of spec.trigger.onRollout, decided from the
 * workload as it is and status.trigger (the revision last accounted for, a completed revision settling), so a
 * restarted operator decides the same:
 * <ul>
 * <li>one run per completed revision: a revision the test already ran against (or found when created with
 * onCreate: false) never runs again, scaling keeps the revision;</li>
 * <li>the run starts once the rollout has been complete for {@code settle}; a new rollout during the settle time
 * starts it over, so two quick rollouts give one run, of the last revision;</li>
 * <li>a rollout that completes while a run is active waits for it (Queued), then runs;</li>
 * <li>a failed rollout (progress deadline exceeded, model failed to load) runs nothing.</li>
 * </ul>
 *
 * @param next the status.trigger fields to keep (state, message, revision, completed revision and time)
 * @param recheckAt when to look again without an event (the end of the settle time), or null
 * @param reason for a run: the trigger in words
 */
public record RolloutDecision(boolean run, TriggerStatus next, Instant recheckAt, String reason,
        WorkloadRevision revision, List<String> changes) {

    /**
     * @param current status.trigger as it is (null before the first decision)
     * @param state the workload's rollout now; null when the workload does not exist
     * @param workload for messages, e.g. "Deployment vllm"
     */
    public static RolloutDecision decide(TriggerStatus current, RolloutState state, Duration settle, Instant now,
            boolean runActive, String workload) {
        TriggerStatus prev = current != null ? current : new TriggerStatus(null, null, null, null, null, null);
        RevisionStatus accounted = prev.revision();
        if (state == null) {
            return idle(prev, TriggerStatus.WORKLOAD_MISSING, workload + " not found: waiting for it to exist",
                    accounted, null, null);
        }
        WorkloadRevision rev = state.revision();
        if (accounted == null) {
            // First sight (a test created with onCreate: false, or before its first run started): what is there, or
            // on its way, is the starting point, not a rollout to test.
            return idle(prev, TriggerStatus.WAITING, "following " + workload + " at " + rev.label()
                    + ": waiting for a new revision", RevisionStatus.of(rev, null), null, null);
        }
        if (accounted.sameAs(rev)) {
            String detail = state.complete() ? "at " + rev.label() : rev.label() + ", " + state.waitingFor();
            return idle(prev, TriggerStatus.WAITING, "waiting for a new revision of " + workload + " (" + detail
                    + ")", accounted, null, null);
        }
        if (state.failed()) {
            return idle(prev, TriggerStatus.ROLLOUT_FAILED, "the rollout of " + workload + " " + rev.label()
                    + " failed: " + state.waitingFor(), accounted, null, null);
        }
        if (!state.complete()) {
            return idle(prev, TriggerStatus.ROLLOUT_IN_PROGRESS, workload + " is rolling out " + rev.label() + ": "
                    + state.waitingFor(), accounted, null, null);
        }
        boolean seenBefore = rev.fingerprint().equals(prev.completedRevision()) && prev.completedAt() != null;
        Instant completedAt = seenBefore ? Instant.parse(prev.completedAt()) : now;
        Instant due = completedAt.plus(settle);
        List<String> changes = rev.changesFrom(accounted.toRevision());
        if (now.isBefore(due)) {
            TriggerStatus next = new TriggerStatus(TriggerStatus.SETTLING, workload + " rolled out " + rev.label()
                    + ": the run starts at " + due + " (settle " + settle.toSeconds() + "s)", accounted,
                    rev.fingerprint(), completedAt.toString(), prev.nextScheduledRun());
            return new RolloutDecision(false, next, due, null, rev, changes);
        }
        if (runActive) {
            TriggerStatus next = new TriggerStatus(TriggerStatus.QUEUED, workload + " rolled out " + rev.label()
                    + " during the run: a run follows this one", accounted, rev.fingerprint(),
                    completedAt.toString(), prev.nextScheduledRun());
            return new RolloutDecision(false, next, null, null, rev, changes);
        }
        String reason = workload + " rolled out " + rev.label() + (changes.isEmpty() ? ""
                : " (" + String.join("; ", changes) + ")");
        TriggerStatus next = new TriggerStatus(TriggerStatus.WAITING, "running against " + workload + " "
                + rev.label(), RevisionStatus.of(rev, changes), null, null, prev.nextScheduledRun());
        return new RolloutDecision(true, next, null, reason, rev, changes);
    }

    /**
     * Whether an active run is measuring a workload that changed under it: its revision is no longer the one the
     * run started against (recorded in status.trigger.revision).
     */
    public static boolean spansRollout(TriggerStatus status, RolloutState state) {
        return status != null && status.revision() != null && state != null
                && !status.revision().sameAs(state.revision());
    }

    private static RolloutDecision idle(TriggerStatus prev, String state, String message, RevisionStatus accounted,
            String completedRevision, String completedAt) {
        return new RolloutDecision(false, new TriggerStatus(state, message, accounted, completedRevision, completedAt,
                prev.nextScheduledRun()), null, null, null, List.of());
    }
}
