package io.llmload.operator.trigger;

import java.time.Instant;

/**
 * What a schedule asks for now. The next fire time lives in the test's status (so an operator restart keeps it);
 * each reconcile compares it with the clock. Ticks missed while the operator was down give one run, not one per
 * tick, and a tick that comes while a run is active is skipped (with an Event), never queued: a nightly test that
 * overruns must not pile up.
 *
 * @param action what to do
 * @param tick the fire time that came due (FIRE, SKIP), else null
 * @param nextDue the fire time to keep in the status for the next decision
 */
public record ScheduledTick(Action action, Instant tick, Instant nextDue) {

    public enum Action {
        /** Start a run now. */
        FIRE,
        /** A tick came while a run was active: let it go. */
        SKIP,
        /** Nothing due yet: look again at {@link #nextDue}. */
        WAIT
    }

    /**
     * @param due the fire time kept from the last decision, or null the first time (then nothing fires: the
     *     schedule starts counting from now, like a CronJob created between two ticks)
     * @param running whether a run of the test is active
     */
    public static ScheduledTick decide(CronSchedule schedule, Instant due, Instant now, boolean running) {
        if (due == null || now.isBefore(due)) {
            Instant next = due != null ? due : schedule.nextAfter(now).orElse(null);
            return new ScheduledTick(Action.WAIT, null, next);
        }
        // The latest tick at or before now: several missed ticks collapse into one.
        Instant latest = schedule.lastBefore(now).filter(t -> t.isAfter(due)).orElse(due);
        Instant next = schedule.nextAfter(now).orElse(null);
        return new ScheduledTick(running ? Action.SKIP : Action.FIRE, latest, next);
    }
}
