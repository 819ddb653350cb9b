package io.llmload.operator.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.autoscaling.AutoscalingWatch;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.api.v1alpha1.ProgressStatus;
import io.llmload.operator.api.v1alpha1.RunnerCounts;
import io.llmload.operator.config.OperatorConfig;
import io.llmload.operator.events.EventRecorder;
import io.llmload.operator.observe.MergedGuardrails;
import io.llmload.operator.observe.RunnerFleet;
import io.llmload.operator.observe.RunnerJob;
import io.llmload.operator.observe.RunnerPod;
import io.llmload.operator.observe.ServerMetricsWatch;
import io.llmload.operator.status.StatusBuilder;
import io.llmload.runner.metrics.CellData;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.report.RunData;
import io.llmload.runner.spec.Durations;
import io.llmload.runner.worker.StartRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Running: polls every runner at once, shows the merged progress, judges the guardrails on all runners merged, and
 * ends the run — complete when every runner finished, Failed when a runner or its pod failed, or when the run
 * deadline passed (naming each runner that had not finished and what it said, or that it did not answer).
 */
@ApplicationScoped
class RunMonitor {

    private static final Duration STOPPING_RECHECK = Duration.ofMillis(500);

    private final OperatorConfig config;
    private final RunDeadlines deadlines;
    private final RunnerFleet fleet;
    private final EventRecorder events;
    private final MergedGuardrails guardrails;
    private final ServerMetricsWatch serverMetrics;
    private final AutoscalingWatch autoscaling;
    private final Finisher finisher;
    private final SearchConductor search;
    private final Clock clock = Clock.systemUTC();

    RunMonitor(OperatorConfig config, RunDeadlines deadlines, RunnerFleet fleet, EventRecorder events,
            MergedGuardrails guardrails, ServerMetricsWatch serverMetrics, AutoscalingWatch autoscaling,
            Finisher finisher, SearchConductor search) {
        this.search = search;
        this.config = config;
        this.deadlines = deadlines;
        this.fleet = fleet;
        this.events = events;
        this.guardrails = guardrails;
        this.serverMetrics = serverMetrics;
        this.autoscaling = autoscaling;
        this.finisher = finisher;
    }

    Step poll(LlmLoadTest test, Context<LlmLoadTest> context, RunPlan plan, StatusBuilder status) {
        Instant now = Instant.now(clock);
        Instant start = Instant.parse(status.current().getStartTime());
        Instant deadline = status.current().getRunDeadline() != null
                ? Instant.parse(status.current().getRunDeadline())
                : deadlines.runDeadline(start, plan.load(), plan.requestTimeout());
        int desired = plan.replicas();
        List<RunnerPod> pods = CurrentRun.pods(context);
        RunnerFleet.Snapshot snapshot = fleet.poll(CurrentRun.key(test, status.current()), pods);

        Optional<String> jobFailure = CurrentRun.job(context).flatMap(RunnerJob::failure);
        if (jobFailure.isPresent()) {
            return finisher.fail(test, context, plan, pods, status, snapshot, "RunnerJobFailed",
                    "The runner Job failed mid-test: " + jobFailure.get());
        }
        Optional<RunnerPod> broken = pods.stream().filter(p -> p.problem() != null).findFirst();
        if (broken.isPresent()) {
            return finisher.fail(test, context, plan, pods, status, snapshot, "RunnerFailed", "Runner "
                    + broken.get().index() + " failed mid-test: " + broken.get().problem());
        }
        if (pods.size() < desired) {
            return finisher.fail(test, context, plan, pods, status, snapshot, "RunnersLost",
                    (desired - pods.size()) + " runner pod(s) disappeared mid-test");
        }
        if (snapshot.failed() > 0) {
            return finisher.fail(test, context, plan, pods, status, snapshot, "RunnerFailed",
                    snapshot.failed() + " runner(s) reported a failure: "
                            + String.join("; ", snapshot.notFinished().values()));
        }
        if (!snapshot.waitingForStart().isEmpty()) {
            // A runner that missed the start signal (a lost call, a restarted operator): the same time again.
            fleet.start(snapshot.waitingForStart(), new StartRequest(start.toEpochMilli(),
                    deadlines.keepResultsUntil(deadline).toEpochMilli()));
        }
        status.runners(new RunnerCounts(desired, (int) pods.stream().filter(RunnerPod::reachable).count(),
                snapshot.finished(), 0));
        if (snapshot.abortReason().isPresent() && snapshot.finished() < desired) {
            // One runner stopped early (its guardrail tripped): the test is over, stop the others at once too.
            fleet.abortAll(pods, snapshot.abortReason().get());
            return new Step(status, STOPPING_RECHECK);
        }
        if (snapshot.finished() >= desired) {
            return finisher.complete(test, context, plan, pods, status, snapshot);
        }
        if (now.isAfter(deadline)) {
            return finisher.fail(test, context, plan, pods, status, snapshot, "RunDeadlineExceeded",
                    "Not finished by the run deadline " + deadline + " (start + "
                            + Durations.format(deadlines.runLength(plan.load(), plan.requestTimeout()))
                            + " planned with graceful stop + " + Durations.format(config.deadlineMargin()) + " margin): "
                            + String.join("; ", snapshot.notFinished().values()));
        }
        serverMetrics.ensureStarted(test, context.getClient()); // after an operator restart: from now on
        autoscaling.ensureStarted(test, context.getClient(), plan.autoscaling(), config.pollInterval());
        autoscaling.poll(test);
        if (plan.search() != null) {
            return searchPoll(test, context, plan, pods, status, snapshot, start, now, deadline);
        }
        Optional<String> tripped = guardrails.observe(test, plan.guardrails(), start, now, snapshot.byRunner());
        if (tripped.isPresent()) {
            return abortOnGuardrail(test, context, pods, status, tripped.get());
        }
        Optional<String> stageDone = snapshot.merged().flatMap(data -> showProgress(plan, status, data, start, now,
                plan.timeline().stageAt(Math.max(0, Duration.between(start, now).toNanos())).name(),
                plan.timeline().totalNanos()));
        return next(test, context, status, snapshot, now, deadline, stageDone);
    }

    /**
     * A capacity search: the conductor judges and commands probes (a guardrail ends only the probe under way); the
     * progress shows the probe under way against the search's whole budget.
     */
    private Step searchPoll(LlmLoadTest test, Context<LlmLoadTest> context, RunPlan plan, List<RunnerPod> pods,
            StatusBuilder status, RunnerFleet.Snapshot snapshot, Instant start, Instant now, Instant deadline) {
        SearchConductor.Turn turn;
        try {
            turn = search.poll(test, plan, pods, status, snapshot, start, now);
        } catch (IllegalArgumentException e) {
            return finisher.fail(test, context, plan, pods, status, snapshot, "SearchStateInvalid",
                    "status.search does not belong to this run's search: " + e.getMessage());
        }
        long total = deadlines.runLength(plan.load(), plan.requestTimeout()).toNanos();
        if (turn.stage() != null) {
            // Before the first probe's start the runners have no stage yet. Each judged probe has its own Event, so
            // the StageCompleted one is left out.
            snapshot.merged().filter(data -> !data.stages().isEmpty())
                    .ifPresent(data -> showProgress(plan, status, data, start, now, turn.stage(), total));
        }
        Step step = next(test, context, status, snapshot, now, deadline, Optional.empty()).then(turn.afterSave());
        return turn.event().map(e -> step.then(() -> {
            if (e.warning()) {
                events.warning(context.getClient(), test, e.reason(), e.message());
            } else {
                events.normal(context.getClient(), test, e.reason(), e.message());
            }
        })).orElse(step);
    }

    /** The rest of a poll: the unreachable runners named, the next poll one interval after this one began. */
    private Step next(LlmLoadTest test, Context<LlmLoadTest> context, StatusBuilder status,
            RunnerFleet.Snapshot snapshot, Instant now, Instant deadline, Optional<String> stageDone) {
        if (!snapshot.unreachable().isEmpty()) {
            status.phase(LlmLoadTestStatus.PHASE_RUNNING, "Runner(s) not answering (deadline " + deadline + "): "
                    + String.join("; ", snapshot.unreachable()));
        }
        // The next poll is due one interval after this one began, however long this one took.
        Duration spent = Duration.between(now, Instant.now(clock));
        Step step = new Step(status, spent.compareTo(config.pollInterval()) >= 0 ? Duration.ZERO
                : config.pollInterval().minus(spent));
        return stageDone.map(text -> step.then(() -> events.normal(context.getClient(), test, "StageCompleted",
                text))).orElse(step);
    }

    /**
     * The merged stream of all runners breached a guardrail: stop every runner now; they report ABORTED with this
     * reason and the test completes Aborted on the next polls.
     */
    private Step abortOnGuardrail(LlmLoadTest test, Context<LlmLoadTest> context, List<RunnerPod> pods,
            StatusBuilder status, String reason) {
        String aborting = "Aborting: " + reason;
        boolean first = !aborting.equals(status.current().getMessage());
        fleet.abortAll(pods, reason);
        status.phase(LlmLoadTestStatus.PHASE_RUNNING, aborting);
        Step step = new Step(status, STOPPING_RECHECK);
        return first ? step.then(() -> events.warning(context.getClient(), test, "GuardrailTripped", reason)) : step;
    }

    /**
     * Live figures from the merged cells (the report itself is built once, at the end); returns the text of a
     * StageCompleted Event when the run moved on to another stage since the last poll.
     */
    private Optional<String> showProgress(RunPlan plan, StatusBuilder status, RunData data, Instant start,
            Instant now, String stage, long totalNanos) {
        long elapsedNanos = Math.max(0, Duration.between(start, now).toNanos());
        ProgressStatus previous = status.current().getProgress();
        long requests = data.cells().stream().mapToLong(CellData::requests).sum();
        long errors = data.cells().stream().mapToLong(c -> c.errors().values().stream().mapToLong(Long::longValue)
                .sum()).sum();
        Report live = ReportBuilder.build(data, plan.slo(), plan.cost());
        status.progress(new ProgressStatus(stage, round(elapsedNanos / 1e9), round(totalNanos / 1e9),
                requests, errors, live.overall().requestsPerSecond()))
                .results(live, false)
                .phase(LlmLoadTestStatus.PHASE_RUNNING, "Running stage " + stage + ".");
        if (previous != null && previous.stage() != null && !previous.stage().equals(stage)) {
            return Optional.of("Stage " + previous.stage() + " completed; now " + stage + ".");
        }
        return Optional.empty();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
