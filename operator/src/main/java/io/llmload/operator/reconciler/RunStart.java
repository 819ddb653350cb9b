package io.llmload.operator.reconciler;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.autoscaling.AutoscalingWatch;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.api.v1alpha1.RunnerCounts;
import io.llmload.operator.api.v1alpha1.SearchProbeStatus;
import io.llmload.operator.api.v1alpha1.SearchStatus;
import io.llmload.operator.config.OperatorConfig;
import io.llmload.operator.events.EventRecorder;
import io.llmload.operator.observe.MergedGuardrails;
import io.llmload.operator.observe.RunnerFleet;
import io.llmload.operator.observe.RunnerJob;
import io.llmload.operator.observe.RunnerPod;
import io.llmload.operator.observe.ServerMetricsWatch;
import io.llmload.operator.status.StatusBuilder;
import io.llmload.runner.spec.Durations;
import io.llmload.runner.worker.StartRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Starting → Running: waits until every runner pod of the current Job is ready, then gives them one start time.
 * Fails the test at once when the Job failed or Kubernetes refused its pods (the API server's message), when a pod
 * failed, and at the start deadline stored in the status with what each missing runner is waiting for.
 */
@ApplicationScoped
class RunStart {

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

    RunStart(OperatorConfig config, RunDeadlines deadlines, RunnerFleet fleet, EventRecorder events,
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

    Step await(LlmLoadTest test, Context<LlmLoadTest> context, RunPlan plan, StatusBuilder status) {
        Instant now = Instant.now(clock);
        Optional<Job> job = CurrentRun.job(context);
        Instant deadline = startDeadline(test, status.current(), job);
        List<RunnerPod> pods = CurrentRun.pods(context);
        int desired = plan.replicas();
        Optional<String> jobFailure = job.flatMap(RunnerJob::failure);
        if (jobFailure.isPresent()) {
            return finisher.fail(test, context, plan, pods, status, null, "RunnerJobFailed",
                    "The runner Job failed before the start: " + jobFailure.get());
        }
        Optional<RunnerPod> broken = pods.stream().filter(p -> p.problem() != null).findFirst();
        if (broken.isPresent()) {
            return finisher.fail(test, context, plan, pods, status, null, "RunnerFailed", "Runner "
                    + broken.get().index() + " failed before the start: " + broken.get().problem());
        }
        if (job.isPresent() && pods.size() < desired) {
            Optional<String> refused = RunnerJob.podCreationFailure(context.getClient(), job.get());
            if (refused.isPresent()) {
                return finisher.fail(test, context, plan, pods, status, null, "PodsRefused",
                        "Kubernetes refused to create the runner pods: " + refused.get());
            }
        }
        long ready = pods.stream().filter(RunnerPod::reachable).count();
        status.runners(new RunnerCounts(desired, (int) ready, 0, 0));
        if (ready >= desired) {
            return start(test, context, plan, pods, status, now);
        }
        String waiting = pods.stream().filter(p -> !p.reachable())
                .map(p -> "runner " + p.index() + " (" + p.name() + "): "
                        + (p.waitingReason() == null ? "not ready" : p.waitingReason()))
                .collect(Collectors.joining(", "));
        if (now.isAfter(deadline)) {
            String missing = desired - pods.size() > 0 ? (desired - pods.size()) + " runner pod(s) never created; "
                    : "";
            return finisher.fail(test, context, plan, pods, status, null, "StartDeadlineExceeded",
                    "Runners not ready within " + Durations.format(deadlines.startTimeout(test)) + " (by " + deadline
                            + "): " + missing + (waiting.isEmpty() ? "no runner pods" : waiting));
        }
        status.phase(LlmLoadTestStatus.PHASE_STARTING, ready + "/" + desired + " runner pod(s) ready"
                + (waiting.isEmpty() ? "." : "; waiting for " + waiting + "."));
        return new Step(status, RunPlanning.RECHECK);
    }

    /** Every runner is ready: one start time for all, sent once the status holding it is saved. */
    private Step start(LlmLoadTest test, Context<LlmLoadTest> context, RunPlan plan, List<RunnerPod> pods,
            StatusBuilder status, Instant now) {
        Instant startAt = now.plus(config.startLead());
        Instant runDeadline = deadlines.runDeadline(startAt, plan.load(), plan.requestTimeout());
        StartRequest request = new StartRequest(startAt.toEpochMilli(),
                deadlines.keepResultsUntil(runDeadline).toEpochMilli());
        String message = "All " + plan.replicas() + " runner(s) ready; load starts at " + startAt + ".";
        status.startTime(startAt).runDeadline(runDeadline).phase(LlmLoadTestStatus.PHASE_RUNNING, message);
        // A capacity search's first probe starts with the run; the next ones are decided as the probes are judged.
        SearchProbeStatus firstProbe = plan.search() == null ? null : search.first(plan, startAt);
        if (firstProbe != null) {
            status.search(SearchStatus.running(List.of(), firstProbe));
        }
        return new Step(status, config.pollInterval())
                .then(() -> {
                    guardrails.begin(test, plan.guardrails());
                    serverMetrics.ensureStarted(test, context.getClient()); // before the load: the counters' baseline
                    // Before the load too: the replicas it starts from.
                    autoscaling.ensureStarted(test, context.getClient(), plan.autoscaling(), config.pollInterval());
                    // A runner that misses it is sent it again at the next poll (a runner takes one time only).
                    fleet.start(pods, request);
                    if (firstProbe != null) {
                        search.command(pods, firstProbe); // a runner that misses it gets it at a poll
                    }
                    events.normal(context.getClient(), test, "Started", message);
                });
    }

    /** The start deadline stored at planning; for a run planned by an older operator, Job creation + timeout. */
    private Instant startDeadline(LlmLoadTest test, LlmLoadTestStatus status, Optional<Job> job) {
        if (status.getStartDeadline() != null) {
            return Instant.parse(status.getStartDeadline());
        }
        return job.map(j -> Instant.parse(j.getMetadata().getCreationTimestamp()))
                .orElse(Instant.now(clock)).plus(deadlines.startTimeout(test));
    }
}
