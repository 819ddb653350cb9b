package io.llmload.operator.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.api.v1alpha1.RevisionStatus;
import io.llmload.operator.api.v1alpha1.RunOrigin;
import io.llmload.operator.api.v1alpha1.RunRecord;
import io.llmload.operator.config.OperatorClock;
import io.llmload.operator.events.EventRecorder;
import io.llmload.operator.status.Conditions;
import io.llmload.operator.status.StatusBuilder;
import io.llmload.operator.trigger.TestTriggers;
import io.llmload.operator.trigger.TriggerOutcome;
import io.llmload.operator.trigger.Triggers;
import io.llmload.operator.trigger.WorkloadRevision;
import io.llmload.operator.trigger.WorkloadWatches;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * spec.trigger in the lifecycle: what {@link TestTriggers} decides becomes the status (status.trigger says what the
 * test waits for, status.run why a run started) and, for an idle test, the start of a run. Three moments:
 * <ul>
 * <li>a run starts on creation or on the re-run annotation: {@link #origin} records it and the followed workload's
 * revision it measures, so that revision's rollout does not run it again;</li>
 * <li>while a run is under way, {@link #duringRun} keeps following: a rollout completing is queued (one run after
 * this one), a run whose workload changed revision is marked as spanning a rollout, a schedule tick is skipped with
 * an Event;</li>
 * <li>a finished test (or one created with onCreate: false) is started by {@link #whenIdle} when a completed
 * rollout has settled or a schedule tick is due; else it is looked at again when the settle time ends or the next
 * tick comes (and on every event of the followed workload).</li>
 * </ul>
 */
@ApplicationScoped
class RunTriggers {

    /** Longest wait between two looks at an idle test when nothing happens (schedule ticks are far apart). */
    static final Duration MAX_RECHECK = Duration.ofMinutes(10);
    private static final Duration MIN_RECHECK = Duration.ofSeconds(1);

    private final TestTriggers triggers;
    private final OperatorClock clock;
    private final EventRecorder events;

    RunTriggers(TestTriggers triggers, OperatorClock clock, EventRecorder events) {
        this.triggers = triggers;
        this.clock = clock;
        this.events = events;
    }

    /**
     * What an idle test does now: a step of its own (a run starting, the status set to Pending; or a followed kind
     * not installed), or nothing but a look again after {@code recheckAfter} (null: on events only).
     */
    record Idle(Step step, Duration recheckAfter) {
    }

    static boolean follows(LlmLoadTest test) {
        return test.getSpec() != null && test.getSpec().getTrigger() != null;
    }

    /**
     * A run is about to be planned without a trigger having started it (created, or the re-run annotation): record
     * why, and account for the revision of the followed workload it measures.
     *
     * @throws WorkloadWatches.KindNotInstalledException when the followed kind is not served by the cluster
     */
    void origin(LlmLoadTest test, Context<LlmLoadTest> context, StatusBuilder status) {
        if (status.current().getRun() != null) {
            return;
        }
        boolean rerun = status.current().getRerunOf() != null;
        String trigger = rerun ? RunRecord.TRIGGER_RERUN : RunRecord.TRIGGER_CREATED;
        String reason = rerun ? "re-run requested (" + TestLifecycle.RERUN_ANNOTATION + "="
                + status.current().getRerunOf() + ")" : "created";
        Optional<WorkloadRevision> revision = follows(test) ? triggers.completeRevision(context.getClient(), test)
                : Optional.empty();
        status.run(new RunOrigin(trigger, reason, revision.map(r -> RevisionStatus.of(r, null)).orElse(null), null));
        revision.ifPresent(r -> status.trigger(Triggers.accountFor(status.current().getTrigger(), r, List.of())));
    }

    /**
     * A run under way: status.trigger follows the workload; the run is marked when its workload changed revision.
     *
     * @return an Event to send once the status is saved (a skipped schedule tick), if any
     */
    Optional<Runnable> duringRun(LlmLoadTest test, Context<LlmLoadTest> context, StatusBuilder status) {
        if (!follows(test)) {
            return Optional.empty();
        }
        TriggerOutcome outcome;
        try {
            outcome = triggers.evaluate(context.getClient(), test, true);
        } catch (WorkloadWatches.KindNotInstalledException e) {
            return Optional.empty(); // the run goes on; the kind is reported when the test is idle
        }
        status.trigger(outcome.next());
        RunOrigin origin = status.current().getRun();
        if (outcome.spansRollout() && origin != null && !origin.spanned()) {
            status.run(origin.spanningRollout());
        }
        if (outcome.skippedTick() == null) {
            return Optional.empty();
        }
        String message = "Schedule tick " + outcome.skippedTick() + " skipped: a run is under way.";
        return Optional.of(() -> events.warning(context.getClient(), test, "ScheduleSkipped", message));
    }

    /** A finished test, or one waiting for its first trigger: start a run if a trigger is due. */
    Idle whenIdle(LlmLoadTest test, Context<LlmLoadTest> context, StatusBuilder status) {
        String valid = validReason(status);
        if (!follows(test) || "InvalidSpec".equals(valid)) {
            return new Idle(null, null); // an invalid spec is not run by a trigger either
        }
        TriggerOutcome outcome;
        try {
            outcome = triggers.evaluate(context.getClient(), test, false);
        } catch (WorkloadWatches.KindNotInstalledException e) {
            String message = "spec.trigger.onRollout: " + e.getMessage() + " (install it, or follow another kind)";
            boolean firstTime = !"WorkloadKindNotInstalled".equals(valid);
            status.condition(Conditions.VALID, false, "WorkloadKindNotInstalled", message);
            Step step = new Step(status, MAX_RECHECK);
            return new Idle(firstTime ? step.then(() -> events.warning(context.getClient(), test,
                    "InvalidSpec", message)) : step, null);
        }
        if ("WorkloadKindNotInstalled".equals(valid)) {
            status.condition(Conditions.VALID, true, "Accepted", "The spec is valid.");
        }
        status.trigger(outcome.next());
        TriggerOutcome.Start start = outcome.start();
        if (start == null) {
            return new Idle(null, recheck(outcome.recheckAt()));
        }
        RevisionStatus revision = start.revision() == null ? null : RevisionStatus.of(start.revision(),
                start.changes().isEmpty() ? null : start.changes());
        status.reset().run(new RunOrigin(start.trigger(), start.reason(), revision, null))
                .trigger(outcome.next())
                .phase(LlmLoadTestStatus.PHASE_PENDING, "Triggered: " + start.reason() + ".");
        String message = "Running again: " + start.reason() + ".";
        return new Idle(new Step(status, Duration.ZERO).then(() -> events.normal(context.getClient(), test,
                "Triggered", message)), null);
    }

    /** The test was deleted: stop watching what it followed. */
    void forget(LlmLoadTest test) {
        triggers.forget(test);
    }

    private static String validReason(StatusBuilder status) {
        return status.current().getConditions().stream().filter(c -> Conditions.VALID.equals(c.getType()))
                .map(c -> c.getReason()).findFirst().orElse(null);
    }

    private Duration recheck(Instant at) {
        if (at == null) {
            return MAX_RECHECK;
        }
        Duration left = Duration.between(clock.now(), at);
        return left.compareTo(MIN_RECHECK) < 0 ? MIN_RECHECK : left.compareTo(MAX_RECHECK) > 0 ? MAX_RECHECK : left;
    }
}
