package io.llmload.operator.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.llmload.operator.api.v1alpha1.CleanupSpec;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.api.v1alpha1.ProgressStatus;
import io.llmload.operator.api.v1alpha1.RunnerCounts;
import io.llmload.operator.config.OperatorConfig;
import io.llmload.operator.dependent.Labels;
import io.llmload.operator.dependent.ReportConfigMap;
import io.llmload.operator.dependent.WorkerPlans;
import io.llmload.operator.events.EventRecorder;
import io.llmload.operator.metrics.OperatorMetrics;
import io.llmload.operator.observe.MergedGuardrails;
import io.llmload.operator.observe.RunnerFleet;
import io.llmload.operator.observe.RunnerPod;
import io.llmload.operator.observe.RunnerPods;
import io.llmload.operator.observe.ServerMetricsWatch;
import io.llmload.operator.status.Conditions;
import io.llmload.operator.status.StatusBuilder;
import io.llmload.operator.validation.SpecValidator;
import io.llmload.runner.metrics.CellData;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.report.RunData;
import io.llmload.runner.report.StageInfo;
import io.llmload.runner.report.TimelinePoint;
import io.llmload.runner.servermetrics.ServerReport;
import io.llmload.runner.spec.Durations;
import io.llmload.runner.spec.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides what phase a test is in and what to do next, from observed state only (the status, the runner pods and
 * what the runners answer), so a restarted operator picks up where the last one stopped:
 * Pending → (plan ConfigMap + Job) → Starting → (all runners ready: common start time) → Running → Succeeded |
 * Failed | Aborted.
 */
@ApplicationScoped
public class TestLifecycle {

    public static final String RERUN_ANNOTATION = "llmload.io/rerun";
    private static final Duration STARTING_RECHECK = Duration.ofSeconds(2);

    private final OperatorConfig config;
    private final RunnerFleet fleet;
    private final EventRecorder events;
    private final ReportConfigMap reports;
    private final OperatorMetrics metrics;
    private final ServerMetricsWatch serverMetrics;
    private final MergedGuardrails guardrails;
    private final Clock clock = Clock.systemUTC();

    public TestLifecycle(OperatorConfig config, RunnerFleet fleet, EventRecorder events, ReportConfigMap reports,
            OperatorMetrics metrics, ServerMetricsWatch serverMetrics, MergedGuardrails guardrails) {
        this.config = config;
        this.fleet = fleet;
        this.events = events;
        this.reports = reports;
        this.metrics = metrics;
        this.serverMetrics = serverMetrics;
        this.guardrails = guardrails;
    }

    Step reconcile(LlmLoadTest test, Context<LlmLoadTest> context) {
        StatusBuilder status = new StatusBuilder(test, clock);
        String phase = status.phase();
        if (isFinished(phase)) {
            return finished(test, context, status);
        }
        List<Violation> violations = SpecValidator.validate(test);
        if (!violations.isEmpty()) {
            return invalid(test, context, status, violations);
        }
        status.condition(Conditions.VALID, true, "Accepted", "The spec is valid.");
        if (phase == null || LlmLoadTestStatus.PHASE_PENDING.equals(phase)) {
            return createRunners(test, context, status);
        }
        if (LlmLoadTestStatus.PHASE_STARTING.equals(phase)) {
            return awaitRunners(test, context, status);
        }
        return running(test, context, status);
    }

    /** The test was deleted: stop all load now (the Job and its pods go with their owner). */
    void stop(LlmLoadTest test, Context<LlmLoadTest> context) {
        fleet.abortAll(pods(context), "the LlmLoadTest was deleted");
        serverMetrics.discard(test);
        guardrails.forget(test);
        deleteRunnerJob(test, context.getClient());
    }

    private Step invalid(LlmLoadTest test, Context<LlmLoadTest> context, StatusBuilder status, List<Violation> violations) {
        String message = violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
        boolean firstTime = !LlmLoadTestStatus.PHASE_FAILED.equals(status.phase());
        status.phase(LlmLoadTestStatus.PHASE_FAILED, "Invalid spec: " + message)
                .condition(Conditions.VALID, false, "InvalidSpec", message)
                .condition(Conditions.COMPLETED, true, "InvalidSpec", "The test did not run: the spec is invalid.");
        if (firstTime) {
            events.warning(context.getClient(), test, "InvalidSpec", message);
        }
        return new Step(status, null);
    }

    private Step createRunners(LlmLoadTest test, Context<LlmLoadTest> context, StatusBuilder status) {
        // Objects left by a previous run (re-run, or an operator that died mid-create) must go first: the Job's
        // template and the plan are immutable.
        Optional<Job> staleJob = context.getSecondaryResource(Job.class);
        if (staleJob.isPresent() || planConfigMap(context).isPresent()) {
            deleteRunnerJob(test, context.getClient());
            context.getClient().configMaps().inNamespace(test.getMetadata().getNamespace()).withName(Labels.planConfigMap(test))
                    .delete();
            status.phase(LlmLoadTestStatus.PHASE_PENDING, "Removing the previous run's runner pods.");
            return new Step(status, STARTING_RECHECK);
        }
        context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
        int replicas = WorkerPlans.replicas(test);
        status.phase(LlmLoadTestStatus.PHASE_STARTING, "Waiting for " + replicas + " runner pod(s) to be ready.")
                .runners(new RunnerCounts(replicas, 0, 0, 0))
                .condition(Conditions.RUNNING, false, "Starting", "Runner pods are starting.")
                .condition(Conditions.COMPLETED, false, "Starting", "The test has not finished.");
        events.normal(context.getClient(), test, "Created", "Created the plan and " + replicas + " runner pod(s).");
        metrics.started();
        return new Step(status, STARTING_RECHECK);
    }

    private Step awaitRunners(LlmLoadTest test, Context<LlmLoadTest> context, StatusBuilder status) {
        int desired = WorkerPlans.replicas(test);
        List<RunnerPod> pods = pods(context);
        Optional<RunnerPod> broken = pods.stream().filter(p -> p.problem() != null).findFirst();
        if (broken.isPresent()) {
            return fail(test, context, pods, status, "Runner " + broken.get().index() + " failed before the start: "
                    + broken.get().problem(), Optional.empty());
        }
        long ready = pods.stream().filter(RunnerPod::reachable).count();
        status.runners(new RunnerCounts(desired, (int) ready, 0, 0));
        if (ready >= desired) {
            Instant startAt = Instant.now(clock).plus(config.startLead());
            status.startTime(startAt)
                    .phase(LlmLoadTestStatus.PHASE_RUNNING, "All " + desired + " runner(s) ready; load starts at "
                            + startAt + ".")
                    .condition(Conditions.RUNNING, true, "Started", "The runners are generating load.");
            events.normal(context.getClient(), test, "Started", "All " + desired + " runner(s) ready; load starts at " + startAt + ".");
            guardrails.begin(test);
            serverMetrics.ensureStarted(test, context.getClient()); // before the load: the counters' baseline
            return new Step(status, Duration.ZERO);
        }
        String waiting = pods.stream().filter(p -> !p.reachable())
                .map(p -> "runner " + p.index() + " (" + p.name() + "): "
                        + (p.waitingReason() == null ? "not ready" : p.waitingReason()))
                .collect(Collectors.joining(", "));
        Instant created = context.getSecondaryResource(Job.class)
                .map(j -> Instant.parse(j.getMetadata().getCreationTimestamp()))
                .orElse(Instant.now(clock));
        if (Instant.now(clock).isAfter(created.plus(startTimeout(test)))) {
            String missing = desired - pods.size() > 0 ? (desired - pods.size()) + " runner pod(s) never created; " : "";
            return fail(test, context, pods, status, "Runners not ready within " + Durations.format(startTimeout(test)) + ": "
                    + missing + (waiting.isEmpty() ? "no runner pods" : waiting), Optional.empty());
        }
        status.phase(LlmLoadTestStatus.PHASE_STARTING, ready + "/" + desired + " runner pod(s) ready"
                + (waiting.isEmpty() ? "." : "; waiting for " + waiting + "."));
        return new Step(status, STARTING_RECHECK);
    }

    private Step running(LlmLoadTest test, Context<LlmLoadTest> context, StatusBuilder status) {
        int desired = WorkerPlans.replicas(test);
        List<RunnerPod> pods = pods(context);
        RunnerFleet.Snapshot snapshot = fleet.progress(pods.stream().filter(p -> p.ip() != null).toList());
        Optional<RunnerPod> broken = pods.stream().filter(p -> p.problem() != null).findFirst();
        if (broken.isPresent()) {
            return fail(test, context, pods, status, "Runner " + broken.get().index() + " failed mid-test: "
                    + broken.get().problem(), snapshot.merged());
        }
        if (pods.size() < desired) {
            return fail(test, context, pods, status, (desired - pods.size()) + " runner pod(s) disappeared mid-test",
                    snapshot.merged());
        }
        if (snapshot.failed() > 0) {
            return fail(test, context, pods, status, snapshot.failed() + " runner(s) reported a failure", snapshot.merged());
        }
        try {
            fleet.start(snapshot.waitingForStart(), Instant.parse(status.current().getStartTime()).toEpochMilli());
        } catch (RuntimeException e) {
            status.phase(LlmLoadTestStatus.PHASE_RUNNING, "Could not reach every runner yet: " + e.getMessage());
        }
        status.runners(new RunnerCounts(desired, (int) pods.stream().filter(RunnerPod::reachable).count(),
                snapshot.finished(), 0));
        if (snapshot.abortReason().isPresent() && snapshot.finished() < desired) {
            // One runner stopped early (its guardrail tripped): the test is over, stop the others at once too.
            fleet.abortAll(pods.stream().filter(p -> p.ip() != null).toList(), snapshot.abortReason().get());
            return new Step(status, Duration.ofMillis(500));
        }
        if (snapshot.finished() >= desired) {
            return complete(test, context, pods, status, snapshot.merged());
        }
        serverMetrics.ensureStarted(test, context.getClient()); // after an operator restart: from now on
        Optional<String> tripped = guardrails.observe(test, Instant.parse(status.current().getStartTime()),
                Instant.now(clock), snapshot.byRunner());
        if (tripped.isPresent()) {
            // The merged stream of all runners breached a guardrail: stop every runner now; they report ABORTED
            // with this reason and the test completes Aborted on the next polls.
            String aborting = "Aborting: " + tripped.get();
            if (!aborting.equals(status.current().getMessage())) {
                events.warning(context.getClient(), test, "GuardrailTripped", tripped.get());
            }
            fleet.abortAll(pods.stream().filter(p -> p.ip() != null).toList(), tripped.get());
            status.phase(LlmLoadTestStatus.PHASE_RUNNING, aborting);
            return new Step(status, Duration.ofMillis(500));
        }
        snapshot.merged().ifPresent(data -> showProgress(test, context, status, data));
        if (!snapshot.unreachable().isEmpty()) {
            status.phase(LlmLoadTestStatus.PHASE_RUNNING, "Runner(s) not answering: "
                    + String.join("; ", snapshot.unreachable()));
        }
        return new Step(status, config.pollInterval());
    }

    private void showProgress(LlmLoadTest test, Context<LlmLoadTest> context, StatusBuilder status, RunData data) {
        List<TimelinePoint> timeline = data.timeline();
        String stage = timeline.isEmpty() ? data.stages().get(0).name() : timeline.get(timeline.size() - 1).stage();
        ProgressStatus previous = status.current().getProgress();
        if (previous != null && previous.stage() != null && !previous.stage().equals(stage)) {
            events.normal(context.getClient(), test, "StageCompleted", "Stage " + previous.stage() + " completed; now " + stage + ".");
        }
        long requests = data.cells().stream().mapToLong(CellData::requests).sum();
        long errors = data.cells().stream().mapToLong(c -> c.errors().values().stream().mapToLong(Long::longValue)
                .sum()).sum();
        double elapsed = Math.max(0, Duration.between(Instant.parse(status.current().getStartTime()),
                Instant.now(clock)).toMillis() / 1000.0);
        double total = data.stages().stream().mapToDouble(StageInfo::durationSeconds).sum();
        Report live = ReportBuilder.build(data, test.getSpec().getSlo(), test.getSpec().getCost(),
                test.getSpec().getPlan());
        status.progress(new ProgressStatus(stage, round(elapsed), round(total), requests, errors,
                live.overall().requestsPerSecond()))
                .results(live, false)
                .phase(LlmLoadTestStatus.PHASE_RUNNING, "Running stage " + stage + ".");
    }

    private Step complete(LlmLoadTest test, Context<LlmLoadTest> context, List<RunnerPod> pods, StatusBuilder status, Optional<RunData> progress) {
        Optional<RunData> results = fleet.results(pods).or(() -> progress);
        if (results.isEmpty()) {
            return fail(test, context, pods, status, "The runners finished but returned no results", Optional.empty());
        }
        Report report = withServer(test, context, results.get(),
                ReportBuilder.build(results.get(), test.getSpec().getSlo(), test.getSpec().getCost(),
                test.getSpec().getPlan()));
        boolean aborted = "aborted".equals(report.outcome());
        String phase = aborted ? LlmLoadTestStatus.PHASE_ABORTED : LlmLoadTestStatus.PHASE_SUCCEEDED;
        String message = aborted ? "Aborted: " + report.abortReason() : "Finished: verdict " + report.verdict() + ".";
        finish(test, context, pods, status, report, phase, message);
        status.condition(Conditions.ABORTED, aborted, aborted ? "Aborted" : "NotAborted",
                aborted ? report.abortReason() : "The test ran to the end.");
        if ("Breach".equals(report.verdict())) {
            events.warning(context.getClient(), test, "Breached", message + " " + breachedTargets(report));
        } else {
            events.normal(context.getClient(), test, aborted ? "Aborted" : "Completed", message);
        }
        return new Step(status, cleanupDelay(test, phase));
    }

    private Step fail(LlmLoadTest test, Context<LlmLoadTest> context, List<RunnerPod> pods, StatusBuilder status, String reason,
            Optional<RunData> progress) {
        fleet.abortAll(pods.stream().filter(p -> p.ip() != null).toList(), reason);
        // Keep what the runners measured: final results where a runner has them, else the last progress.
        Optional<RunData> partial = fleet.results(pods.stream().filter(RunnerPod::reachable).toList())
                .or(() -> progress);
        Report report = partial
                .map(data -> withServer(test, context, data,
                        ReportBuilder.build(data, test.getSpec().getSlo(), test.getSpec().getCost(),
                test.getSpec().getPlan())))
                .orElse(null);
        if (report == null) {
            serverMetrics.discard(test);
        }
        finish(test, context, pods, status, report, LlmLoadTestStatus.PHASE_FAILED, reason);
        status.condition(Conditions.ABORTED, false, "Failed", reason);
        events.warning(context.getClient(), test, "Failed", reason);
        return new Step(status, cleanupDelay(test, LlmLoadTestStatus.PHASE_FAILED));
    }

    private void finish(LlmLoadTest test, Context<LlmLoadTest> context, List<RunnerPod> pods, StatusBuilder status, Report report, String phase,
            String message) {
        String reportRef = report == null ? null : reports.save(context.getClient(), test, report);
        if (report != null) {
            status.results(report, true);
        }
        boolean breached = report != null && "Breach".equals(report.verdict());
        status.completed(reportRef)
                .phase(phase, message)
                .progress(null)
                .condition(Conditions.RUNNING, false, phase, message)
                .condition(Conditions.COMPLETED, true, phase, message)
                .condition(Conditions.SLO_BREACHED, breached, breached ? "Breach" : "WithinSlo",
                        report == null ? "No results." : "Verdict " + report.verdict() + ".");
        metrics.finished(phase, report == null ? null : report.verdict());
        guardrails.forget(test);
        serverAlertEvents(test, context, report);
        fleet.releaseAll(pods.stream().filter(p -> p.ip() != null).toList());
    }

    /** The server's own metrics over the run, collected beside it (null section when there are none). */
    private Report withServer(LlmLoadTest test, Context<LlmLoadTest> context, RunData data, Report report) {
        ServerReport server = serverMetrics.finish(test, context.getClient(), data);
        return server == null ? report : report.withServer(server);
    }

    /** Each server alert (KV cache full, queueing, preemptions...) as a Warning Event. */
    private void serverAlertEvents(LlmLoadTest test, Context<LlmLoadTest> context, Report report) {
        if (report == null || !(report.server() instanceof ServerReport server)) {
            return;
        }
        for (ServerReport.Alert alert : server.alerts()) {
            events.warning(context.getClient(), test, "ServerAlert", "Stage " + alert.stage() + ": " + alert.message()
                    + " (" + alert.metric() + " " + alert.observed() + ", threshold " + alert.threshold() + ").");
        }
    }

    /** A finished test: honour a re-run request, else clean up per spec.cleanup; never re-run on a spec edit. */
    private Step finished(LlmLoadTest test, Context<LlmLoadTest> context, StatusBuilder status) {
        Long generation = test.getMetadata().getGeneration();
        if (!status.isTrue(Conditions.VALID) && generation != null
                && !generation.equals(status.current().getObservedGeneration())) {
            // An invalid spec never ran: checking the corrected one again is what the user expects.
            status.reset().phase(LlmLoadTestStatus.PHASE_PENDING, "The spec changed; validating it again.");
            return new Step(status, Duration.ZERO);
        }
        String token = annotation(test, RERUN_ANNOTATION);
        if (token != null && !token.equals(status.current().getRerunOf())) {
            events.normal(context.getClient(), test, "Rerun", "Re-running on request (" + RERUN_ANNOTATION + "=" + token + ").");
            status.reset().rerunOf(token).phase(LlmLoadTestStatus.PHASE_PENDING, "Re-run requested.");
            return new Step(status, Duration.ZERO);
        }
        status.keepObservedGeneration();
        Duration delay = cleanupDelay(test, status.phase());
        if (delay != null && delay.isZero() && context.getSecondaryResource(Job.class).isPresent()) {
            deleteRunnerJob(test, context.getClient());
        }
        return new Step(status, delay != null && !delay.isZero() ? delay : null);
    }

    /** When the runner pods should go: null never, zero now, else after this long. */
    private Duration cleanupDelay(LlmLoadTest test, String phase) {
        CleanupSpec cleanup = test.getSpec() == null ? null : test.getSpec().getCleanup();
        CleanupSpec.Policy policy = cleanup == null || cleanup.getPolicy() == null ? CleanupSpec.Policy.Always
                : cleanup.getPolicy();
        boolean delete = policy == CleanupSpec.Policy.Always
                || policy == CleanupSpec.Policy.OnSuccess && LlmLoadTestStatus.PHASE_SUCCEEDED.equals(phase);
        if (!delete) {
            return null;
        }
        int ttl = cleanup == null || cleanup.getTtlSecondsAfterFinished() == null ? 0
                : cleanup.getTtlSecondsAfterFinished();
        String completion = test.getStatus() == null ? null : test.getStatus().getCompletionTime();
        Instant finishedAt = completion == null ? Instant.now(clock) : Instant.parse(completion);
        Duration left = Duration.between(Instant.now(clock), finishedAt.plusSeconds(ttl));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static void deleteRunnerJob(LlmLoadTest test, KubernetesClient client) {
        client.batch().v1().jobs().inNamespace(test.getMetadata().getNamespace()).withName(Labels.job(test))
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }

    private Duration startTimeout(LlmLoadTest test) {
        var runners = test.getSpec().getRunners();
        return runners == null || runners.getStartTimeout() == null ? config.startTimeout()
                : Durations.parseOr(runners.getStartTimeout(), config.startTimeout());
    }

    private static List<RunnerPod> pods(Context<LlmLoadTest> context) {
        return RunnerPods.of(context.getSecondaryResources(Pod.class));
    }

    private static Optional<ConfigMap> planConfigMap(Context<LlmLoadTest> context) {
        String name = Labels.planConfigMap(context.getPrimaryResource());
        return context.getSecondaryResources(ConfigMap.class).stream()
                .filter(c -> name.equals(c.getMetadata().getName())).findFirst();
    }

    private static String breachedTargets(Report report) {
        return report.slo().stream().filter(r -> r.scope().equals("overall") && !r.met())
                .map(r -> r.metric() + " " + (r.observed() == null ? "no data" : r.observed()) + " > " + r.target())
                .collect(Collectors.joining(", "));
    }

    private static String annotation(LlmLoadTest test, String key) {
        Map<String, String> annotations = test.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    private static boolean isFinished(String phase) {
        return LlmLoadTestStatus.PHASE_SUCCEEDED.equals(phase) || LlmLoadTestStatus.PHASE_FAILED.equals(phase)
                || LlmLoadTestStatus.PHASE_ABORTED.equals(phase);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
