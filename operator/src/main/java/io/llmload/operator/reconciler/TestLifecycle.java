package io.llmload.operator.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.autoscaling.AutoscalingReferences;
import io.llmload.operator.events.EventRecorder;
import io.llmload.operator.status.Conditions;
import io.llmload.operator.status.StatusBuilder;
import io.llmload.operator.trigger.WorkloadWatches;
import io.llmload.operator.validation.SpecValidator;
import io.llmload.runner.spec.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides what phase a test is in and hands it to the class that moves it on, from observed state only (the
 * status, the plan ConfigMap, the Job, its pods and what the runners answer), so a restarted operator picks up
 * where the last one stopped: Pending ({@link RunPlanning}) → Starting ({@link RunStart}) → Running
 * ({@link RunMonitor}) → Succeeded | Failed | Aborted ({@link Finisher}).
 *
 * <p>A run is judged by the plan it started with. Once planned, an edit of the spec (valid or not) is only
 * recorded — observedGeneration follows it, Valid describes it, an Event says it waits for the next run — and the
 * run goes on under its plan, to its end.
 */
@ApplicationScoped
public class TestLifecycle {

    public static final String RERUN_ANNOTATION = "llmload.io/rerun";

    private final RunPlanning planning;
    private final RunStart starting;
    private final RunMonitor monitor;
    private final Finisher finisher;
    private final EventRecorder events;
    private final RunTriggers triggers;
    private final Clock clock = Clock.systemUTC();

    TestLifecycle(RunPlanning planning, RunStart starting, RunMonitor monitor, Finisher finisher,
            EventRecorder events, RunTriggers triggers) {
        this.triggers = triggers;
        this.planning = planning;
        this.starting = starting;
        this.monitor = monitor;
        this.finisher = finisher;
        this.events = events;
    }

    Step reconcile(LlmLoadTest test, Context<LlmLoadTest> context) {
        StatusBuilder status = new StatusBuilder(test, clock);
        String phase = status.phase();
        if (LlmLoadTestStatus.isFinished(phase) && !(neverRan(status) && specChanged(test, status))) {
            Optional<Runnable> edit = noteEdit(test, context, status);
            Step step = finisher.afterward(test, context, status);
            return edit.map(step::then).orElse(step);
        }
        if (LlmLoadTestStatus.isFinished(phase)) {
            // It never ran (invalid spec, missing ConfigMap, refused Job): the corrected spec gets another try.
            status.reset().phase(LlmLoadTestStatus.PHASE_PENDING, "The spec changed; trying again.");
            return new Step(status, Duration.ZERO);
        }
        if (phase == null || LlmLoadTestStatus.PHASE_PENDING.equals(phase)) {
            List<Violation> violations = SpecValidator.validate(test);
            if (violations.isEmpty()) {
                // What the spec names must exist in the cluster too (asked only of a spec valid on its own).
                violations = AutoscalingReferences.check(test, context.getClient());
            }
            if (!violations.isEmpty()) {
                return invalid(test, context, status, violations);
            }
            status.condition(Conditions.VALID, true, "Accepted", "The spec is valid.");
            if (phase == null && waitsForFirstTrigger(test)) {
                return firstTrigger(test, context, status);
            }
            try {
                triggers.origin(test, context, status);
            } catch (WorkloadWatches.KindNotInstalledException e) {
                return invalid(test, context, status, List.of(new Violation("spec.trigger.onRollout",
                        e.getMessage() + " (install it, or follow another kind)")));
            }
            return planning.plan(test, context, status);
        }
        Optional<Runnable> edit = noteEdit(test, context, status);
        Optional<Runnable> trigger = triggers.duringRun(test, context, status);
        Optional<RunPlan> plan = RunPlan.of(context);
        Step step;
        if (plan.isEmpty()) {
            step = finisher.fail(test, context, null, CurrentRun.pods(context), status, null, "PlanDeleted",
                    "The plan ConfigMap of the run was deleted");
        } else if (LlmLoadTestStatus.PHASE_STARTING.equals(phase)) {
            step = starting.await(test, context, plan.get(), status);
        } else {
            step = monitor.poll(test, context, plan.get(), status);
        }
        if (edit.isPresent()) {
            step = step.then(edit.get());
        }
        if (trigger.isPresent()) {
            step = step.then(trigger.get());
        }
        if (RunTriggers.follows(test) && LlmLoadTestStatus.isFinished(status.phase())) {
            // A rollout queued during the run, or a tick: the finished test decides at once, not on the next event.
            step = new Step(step.status(), Duration.ZERO, step.afterSave());
        }
        return step;
    }

    /** Created with spec.trigger.onCreate: false: no run until a rollout or a schedule tick starts one. */
    private Step firstTrigger(LlmLoadTest test, Context<LlmLoadTest> context, StatusBuilder status) {
        RunTriggers.Idle idle = triggers.whenIdle(test, context, status);
        if (idle.step() != null) {
            return idle.step();
        }
        var trigger = status.current().getTrigger();
        status.phase(null, "No run yet (onCreate: false)" + (trigger == null || trigger.message() == null ? "."
                : ": " + trigger.message() + "."));
        return new Step(status, idle.recheckAfter());
    }

    private static boolean waitsForFirstTrigger(LlmLoadTest test) {
        return RunTriggers.follows(test) && !test.getSpec().getTrigger().runsOnCreate();
    }

    /** The test was deleted: stop all load now. */
    void stop(LlmLoadTest test, Context<LlmLoadTest> context) {
        finisher.stop(test, context);
    }

    private Step invalid(LlmLoadTest test, Context<LlmLoadTest> context, StatusBuilder status,
            List<Violation> violations) {
        String message = violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
        boolean firstTime = !LlmLoadTestStatus.PHASE_FAILED.equals(status.phase());
        status.condition(Conditions.VALID, false, "InvalidSpec", message)
                .ended(LlmLoadTestStatus.PHASE_FAILED, "InvalidSpec", "Invalid spec: " + message);
        Step step = new Step(status, null);
        return firstTime ? step.then(() -> events.warning(context.getClient(), test, "InvalidSpec", message)) : step;
    }

    /**
     * The spec was edited after this run was planned: the run keeps its plan. Valid tells whether the edited spec
     * would run; an Event says, once per generation, that the edit waits for the next run.
     */
    private Optional<Runnable> noteEdit(LlmLoadTest test, Context<LlmLoadTest> context, StatusBuilder status) {
        if (!specChanged(test, status) || status.current().getPlanGeneration() == null) {
            return Optional.empty();
        }
        List<Violation> violations = SpecValidator.validate(test);
        String validity;
        if (violations.isEmpty()) {
            status.condition(Conditions.VALID, true, "Accepted", "The spec is valid.");
            validity = "";
        } else {
            String problems = violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
            status.condition(Conditions.VALID, false, "InvalidSpec", "Generation " + generation(test)
                    + " will not run: " + problems);
            validity = " It is invalid and would not run: " + problems;
        }
        String when = LlmLoadTestStatus.isFinished(status.phase())
                ? "the test finished; annotate " + RERUN_ANNOTATION + " to run it"
                : "this run goes on under its plan (generation " + status.current().getPlanGeneration()
                        + "); it applies to the next run";
        String message = "Spec generation " + generation(test) + " is not part of this run: " + when + "."
                + validity;
        boolean valid = violations.isEmpty();
        return Optional.of(() -> {
            if (valid) {
                events.normal(context.getClient(), test, "SpecChanged", message);
            } else {
                events.warning(context.getClient(), test, "SpecChanged", message);
            }
        });
    }

    /** An edit the operator has not acted on yet (the status was written for an older generation). */
    private static boolean specChanged(LlmLoadTest test, StatusBuilder status) {
        Long observed = status.current().getObservedGeneration();
        return observed != null && !Objects.equals(observed, generation(test));
    }

    private static boolean neverRan(StatusBuilder status) {
        return status.current().getPlanGeneration() == null;
    }

    private static Long generation(LlmLoadTest test) {
        return test.getMetadata().getGeneration();
    }

    static String annotation(LlmLoadTest test, String key) {
        Map<String, String> annotations = test.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
