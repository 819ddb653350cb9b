package io.llmload.operator.trigger;

import io.llmload.operator.api.v1alpha1.RevisionStatus;
import io.llmload.operator.api.v1alpha1.RunRecord;
import io.llmload.operator.api.v1alpha1.TriggerSpec;
import io.llmload.operator.api.v1alpha1.TriggerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * spec.trigger's rollout and schedule rules together: at most one run at a time, a rollout run before a tick that
 * comes at the same moment (the tick is used up by it), every run accounting for the revision it measures so that
 * the same revision is never run twice. Pure: the caller reads the workload and the clock, and acts on the outcome.
 */
public final class Triggers {

    private Triggers() {
    }

    /**
     * @param rollout the followed workload's rollout now: null when the test follows none or the workload is missing
     *     (then {@code workloadMissing} says which)
     * @param runActive a run of the test is under way
     */
    public static TriggerOutcome decide(TriggerSpec spec, TriggerStatus current, RolloutState rollout,
            boolean workloadMissing, Instant now, boolean runActive) {
        TriggerStatus status = current != null ? current : new TriggerStatus(TriggerStatus.WAITING, null, null, null,
                null, null);
        TriggerOutcome.Start start = null;
        Instant recheck = null;
        boolean spans = false;

        if (spec.getOnRollout() != null) {
            var onRollout = spec.getOnRollout();
            Duration settle = onRollout.settleDuration().orElse(Duration.ofSeconds(30));
            String workload = onRollout.getKind() + " " + onRollout.getName();
            RolloutDecision d = RolloutDecision.decide(status, workloadMissing ? null : rollout, settle, now,
                    runActive, workload);
            status = d.next();
            recheck = d.recheckAt();
            spans = runActive && RolloutDecision.spansRollout(current, rollout);
            if (d.run()) {
                start = new TriggerOutcome.Start(RunRecord.TRIGGER_ROLLOUT, d.reason(), d.revision(), d.changes());
            }
        }

        Instant skipped = null;
        if (spec.getSchedule() != null) {
            CronSchedule schedule = CronSchedule.parse(spec.getSchedule(), spec.getTimeZone());
            Instant due = status.nextScheduledRun() == null ? null : Instant.parse(status.nextScheduledRun());
            ScheduledTick tick = ScheduledTick.decide(schedule, due, now, runActive);
            if (tick.action() == ScheduledTick.Action.SKIP) {
                skipped = tick.tick();
            } else if (tick.action() == ScheduledTick.Action.FIRE && start == null) {
                // The followed workload's revision, when complete, is the one this run measures.
                WorkloadRevision revision = rollout != null && rollout.complete() ? rollout.revision() : null;
                start = new TriggerOutcome.Start(RunRecord.TRIGGER_SCHEDULE, "schedule tick " + tick.tick(),
                        revision, List.of());
            }
            status = withNextTick(status, tick.nextDue());
            recheck = earliest(recheck, tick.nextDue());
        }

        if (start != null && start.revision() != null && !RunRecord.TRIGGER_ROLLOUT.equals(start.trigger())) {
            status = accountFor(status, start.revision(), List.of());
        }
        if (start != null && spec.getOnRollout() == null) {
            status = new TriggerStatus(TriggerStatus.WAITING, "running: " + start.reason(), status.revision(),
                    status.completedRevision(), status.completedAt(), status.nextScheduledRun());
        }
        if (start == null && spec.getOnRollout() == null && status.nextScheduledRun() != null && !runActive) {
            status = new TriggerStatus(TriggerStatus.WAITING, "waiting for the next schedule tick at "
                    + status.nextScheduledRun(), status.revision(), null, null, status.nextScheduledRun());
        }
        return new TriggerOutcome(start, skipped, spans, status, recheck);
    }

    /**
     * status.trigger once a run starts for another reason (created, rerun, schedule): the workload's revision it
     * measures is accounted for, so its rollout will not run it again.
     */
    public static TriggerStatus accountFor(TriggerStatus status, WorkloadRevision revision, List<String> changes) {
        TriggerStatus s = status != null ? status : new TriggerStatus(TriggerStatus.WAITING, null, null, null, null,
                null);
        boolean settledOne = revision.fingerprint().equals(s.completedRevision());
        return new TriggerStatus(s.state(), s.message(), RevisionStatus.of(revision, changes),
                settledOne ? null : s.completedRevision(), settledOne ? null : s.completedAt(), s.nextScheduledRun());
    }

    private static TriggerStatus withNextTick(TriggerStatus s, Instant next) {
        return new TriggerStatus(s.state(), s.message(), s.revision(), s.completedRevision(), s.completedAt(),
                next == null ? null : next.toString());
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
