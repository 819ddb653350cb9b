package io.llmload.operator.reconciler;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.llmload.operator.api.v1alpha1.CleanupSpec;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.autoscaling.AutoscalingWatch;
import io.llmload.operator.autoscaling.ScalingEvents;
import io.llmload.operator.config.OperatorConfig;
import io.llmload.operator.dependent.Labels;
import io.llmload.operator.dependent.ReportConfigMap;
import io.llmload.operator.events.EventRecorder;
import io.llmload.operator.metrics.OperatorMetrics;
import io.llmload.operator.observe.MergedGuardrails;
import io.llmload.operator.observe.RunnerFleet;
import io.llmload.operator.observe.RunnerPod;
import io.llmload.operator.observe.ServerMetricsWatch;
import io.llmload.operator.status.Conditions;
import io.llmload.operator.status.StatusBuilder;
import io.llmload.runner.autoscaling.AutoscalingAnalysis;
import io.llmload.runner.autoscaling.ReplicaTimeline;
import io.llmload.runner.capacity.SearchCourse;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.report.RunData;
import io.llmload.runner.report.RunDataMerger;
import io.llmload.runner.servermetrics.ServerReport;
import io.llmload.runner.spec.AutoscalingSpec;
import io.llmload.runner.spec.CostSpec;
import io.llmload.runner.spec.PlanSpec;
import io.llmload.runner.spec.SloSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Ends a run, in one order: the final status (phase, verdict, results) is saved first; the side effects follow it
 * ({@link Step#afterSave}) — the report ConfigMap, Events, metrics, releasing the runners — so a reconcile retried
 * because the status write failed finds the runners still holding their results and ends the run the same way. A
 * finished test is looked after here too: a re-run on request, a report left unsaved by an operator that stopped at
 * the wrong moment, runners left unreleased, and cleanup.
 */
@ApplicationScoped
class Finisher {

    private final RunnerFleet fleet;
    private final EventRecorder events;
    private final RunArchive archive;
    private final RunTriggers triggers;
    private final OperatorMetrics metrics;
    private final ServerMetricsWatch serverMetrics;
    private final MergedGuardrails guardrails;
    private final AutoscalingWatch autoscaling;
    private final OperatorConfig config;
    private final Clock clock = Clock.systemUTC();

    Finisher(RunnerFleet fleet, EventRecorder events, RunArchive archive, RunTriggers triggers,
            OperatorMetrics metrics, ServerMetricsWatch serverMetrics, MergedGuardrails guardrails,
            AutoscalingWatch autoscaling, OperatorConfig config) {
        this.triggers = triggers;
        this.fleet = fleet;
        this.events = events;
        this.archive = archive;
        this.metrics = metrics;
        this.serverMetrics = serverMetrics;
        this.guardrails = guardrails;
        this.autoscaling = autoscaling;
        this.config = config;
    }

    /** Every runner finished (or stopped early on a guardrail): collect, judge, end Succeeded or Aborted. */
    Step complete(LlmLoadTest test, Context<LlmLoadTest> context, RunPlan plan, List<RunnerPod> pods,
            StatusBuilder status, RunnerFleet.Snapshot snapshot) {
        Optional<RunData> results = collect(pods, snapshot.byRunner());
        if (results.isEmpty()) {
            return fail(test, context, plan, pods, status, snapshot, "NoResults",
                    "The runners finished but returned no results");
        }
        RunArchive.Judged run = archive.judge(test, status.current(), report(test, context, plan.slo(), plan.cost(),
                plan.autoscaling(), plan.replicaPlan(), search(plan, status.current()), results.get()));
        Report report = run.report();
        boolean aborted = "aborted".equals(report.outcome());
        String phase = aborted ? LlmLoadTestStatus.PHASE_ABORTED : LlmLoadTestStatus.PHASE_SUCCEEDED;
        String message = aborted ? "Aborted: " + report.abortReason() : "Finished: verdict " + report.verdict() + ".";
        RunArchive.Archived archived = ended(test, status, run, phase, aborted ? "Aborted" : "Finished", message);
        status.condition(Conditions.ABORTED, aborted, aborted ? "Aborted" : "NotAborted",
                aborted ? report.abortReason() : "The test ran to the end.");
        boolean breach = "Breach".equals(report.verdict());
        String event = breach ? message + " " + breachedTargets(report) : message;
        List<ScalingEvents.Event> scaling = ScalingEvents.of(report, plan.autoscaling());
        return new Step(status, cleanupDelay(test, phase, status.current()))
                .then(() -> sideEffects(test, context, pods, archived, phase, breach ? "Breached"
                        : aborted ? "Aborted" : "Completed", breach, event))
                .then(() -> scaling.forEach(e -> scalingEvent(test, context.getClient(), e)));
    }

    /**
     * The run cannot go on: stop every runner, keep what they measured (each runner's final results where it has
     * them, else its last progress), end Failed with the reason.
     *
     * @param plan the run's plan, or null when it never got one
     * @param snapshot the last poll, or null
     */
    Step fail(LlmLoadTest test, Context<LlmLoadTest> context, RunPlan plan, List<RunnerPod> pods,
            StatusBuilder status, RunnerFleet.Snapshot snapshot, String reason, String message) {
        fleet.abortAll(pods, message);
        Optional<RunData> partial = collect(pods.stream().filter(RunnerPod::reachable).toList(),
                snapshot == null ? Map.of() : snapshot.byRunner());
        Report report = partial.map(data -> report(test, context, plan == null ? test.getSpec().getSlo() : plan.slo(),
                plan == null ? test.getSpec().getCost() : plan.cost(),
                plan == null ? test.getSpec().getAutoscaling() : plan.autoscaling(),
                plan == null ? test.getSpec().getPlan() : plan.replicaPlan(), search(plan, status.current()), data))
                .orElse(null);
        RunArchive.Archived archived = ended(test, status, archive.judge(test, status.current(), report),
                LlmLoadTestStatus.PHASE_FAILED, reason, message);
        status.condition(Conditions.ABORTED, false, reason, message);
        return new Step(status, cleanupDelay(test, LlmLoadTestStatus.PHASE_FAILED, status.current()))
                .then(() -> sideEffects(test, context, pods, archived, LlmLoadTestStatus.PHASE_FAILED,
                        "Failed", true, message));
    }

    /**
     * A finished test: honour a re-run request or a trigger (spec.trigger: a settled rollout, a schedule tick),
     * finish what an interrupted end left undone, clean up.
     */
    Step afterward(LlmLoadTest test, Context<LlmLoadTest> context, StatusBuilder status) {
        String token = TestLifecycle.annotation(test, TestLifecycle.RERUN_ANNOTATION);
        if (token != null && !token.equals(status.current().getRerunOf())) {
            status.reset().rerunOf(token).phase(LlmLoadTestStatus.PHASE_PENDING, "Re-run requested.");
            return new Step(status, Duration.ZERO).then(() -> events.normal(context.getClient(), test, "Rerun",
                    "Re-running on request (" + TestLifecycle.RERUN_ANNOTATION + "=" + token + ")."));
        }
        RunTriggers.Idle trigger = triggers.whenIdle(test, context, status);
        if (trigger.step() != null) {
            return trigger.step();
        }
        fleet.forget(CurrentRun.key(test, status.current()));
        List<RunnerPod> reachable = CurrentRun.pods(context).stream().filter(RunnerPod::reachable).toList();
        if (!reachable.isEmpty()) {
            saveReportIfMissing(test, context, status.current(), reachable);
            fleet.releaseAll(reachable);
        }
        Duration delay = cleanupDelay(test, status.phase(), status.current());
        if (delay != null && delay.isZero() && CurrentRun.job(context).isPresent()) {
            deleteRunnerJob(test, context.getClient());
        }
        Duration cleanupLeft = delay != null && !delay.isZero() ? delay : null;
        return new Step(status, earliest(cleanupLeft, trigger.recheckAfter()));
    }

    private static Duration earliest(Duration a, Duration b) {
        return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
    }

    /** The test was deleted: stop all load now (the Job and its pods go with their owner). */
    void stop(LlmLoadTest test, Context<LlmLoadTest> context) {
        triggers.forget(test);
        fleet.abortAll(CurrentRun.pods(context), "the LlmLoadTest was deleted");
        if (test.getStatus() != null) {
            fleet.forget(CurrentRun.key(test, test.getStatus()));
        }
        serverMetrics.discard(test);
        autoscaling.discard(test);
        guardrails.forget(test);
        deleteRunnerJob(test, context.getClient());
    }

    static void deleteRunnerJob(LlmLoadTest test, KubernetesClient client) {
        client.batch().v1().jobs().inNamespace(test.getMetadata().getNamespace()).withName(Labels.job(test))
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }

    /**
     * The final status, with the run in the history. The report is packed for its ConfigMap here, so the status can
     * say what had to be left out before the ConfigMap is written (after the status).
     */
    private RunArchive.Archived ended(LlmLoadTest test, StatusBuilder status, RunArchive.Judged run, String phase,
            String reason, String message) {
        Report report = run.report();
        ReportConfigMap.Packed packed = report == null ? null : ReportConfigMap.pack(report);
        if (report != null) {
            status.results(report, true).reportRef(RunArchive.reportConfigMap(test, run))
                    .reportDropped(packed.dropped());
        }
        boolean breached = report != null && "Breach".equals(report.verdict());
        status.ended(phase, reason, message)
                .condition(Conditions.SLO_BREACHED, breached, breached ? "Breach" : "WithinSlo",
                        report == null ? "No results." : "Verdict " + report.verdict() + ".");
        return archive.record(test, status, run, packed);
    }

    /**
     * After the final status is saved: Events and metrics (they never fail the reconcile), the report, and only then
     * may the runners go — a report that could not be written is written again from them by {@link #afterward}.
     */
    private void sideEffects(LlmLoadTest test, Context<LlmLoadTest> context, List<RunnerPod> pods,
            RunArchive.Archived run, String phase, String eventReason, boolean warning, String eventMessage) {
        Report report = run.report();
        KubernetesClient client = context.getClient();
        if (warning) {
            events.warning(client, test, eventReason, eventMessage);
        } else {
            events.normal(client, test, eventReason, eventMessage);
        }
        serverAlertEvents(test, client, report);
        metrics.finished(phase, report == null ? null : report.verdict());
        guardrails.forget(test);
        archive.store(client, test, run);
        if (run.packed() == null) {
            serverMetrics.discard(test);
            autoscaling.discard(test);
        }
        fleet.releaseAll(pods);
    }

    /**
     * The status says the run ended with a report, the report ConfigMap is not there, and the runners still answer:
     * the operator stopped between saving the final status and saving the report. The runners still hold their
     * results (they keep them until released), so the report is built again from them.
     */
    private void saveReportIfMissing(LlmLoadTest test, Context<LlmLoadTest> context, LlmLoadTestStatus status,
            List<RunnerPod> pods) {
        if (status.getReportRef() == null || status.getStartTime() == null
                || CurrentRun.configMapOrFetch(context, status.getReportRef()).isPresent()) {
            return;
        }
        Optional<RunPlan> plan = RunPlan.of(context);
        collect(pods, Map.of()).ifPresent(data -> archive.storeReport(context.getClient(), test, status, report(test,
                context,
                plan.map(RunPlan::slo).orElse(test.getSpec().getSlo()),
                plan.map(RunPlan::cost).orElse(test.getSpec().getCost()),
                plan.map(RunPlan::autoscaling).orElse(test.getSpec().getAutoscaling()),
                plan.map(RunPlan::replicaPlan).orElse(test.getSpec().getPlan()),
                search(plan.orElse(null), status), data)));
    }

    /** Each runner's final results, or for a runner without them its last progress; merged. */
    private Optional<RunData> collect(List<RunnerPod> pods, Map<Integer, RunData> lastProgress) {
        Map<Integer, RunData> byRunner = new LinkedHashMap<>(lastProgress);
        byRunner.putAll(fleet.results(pods.stream().filter(p -> p.ip() != null).toList()));
        return byRunner.isEmpty() ? Optional.empty()
                : Optional.of(RunDataMerger.merge(new ArrayList<>(byRunner.values())));
    }

    /**
     * The report of the run, with the server's own metrics collected beside it (when there are any) and, with
     * spec.autoscaling, the replica timeline judged by the same analysis as the CLI's.
     */
    private Report report(LlmLoadTest test, Context<LlmLoadTest> context, SloSpec slo, CostSpec cost,
            AutoscalingSpec scaling, PlanSpec replicaPlan, SearchCourse search, RunData data) {
        Report report = ReportBuilder.build(data, slo, cost, replicaPlan);
        if (search != null) {
            // The probes judged so far as the CLI reports them: capacity.search and the search's verdict. A run
            // aborted or failed mid-search says why it stopped early.
            report = search.finish(report, data.levelUnit(), data.aborted() ? data.abortReason() : null);
        }
        ServerReport server = serverMetrics.finish(test, context.getClient(), data);
        report = server == null ? report : report.withServer(server);
        ReplicaTimeline timeline = autoscaling.finish(test, context.getClient(), scaling, config.pollInterval(),
                Instant.parse(data.startTime()), Instant.parse(data.endTime()));
        return timeline == null ? report
                : AutoscalingAnalysis.analyze(scaling, slo, data, timeline).applyTo(report);
    }

    /**
     * A capacity search's course as status.search recorded it, or null (not a search, or a record that does not
     * replay: the report then has the probes as stages, without capacity.search).
     */
    private static SearchCourse search(RunPlan plan, LlmLoadTestStatus status) {
        if (plan == null || plan.search() == null) {
            return null;
        }
        try {
            return SearchCourse.replay(plan.search(), plan.slo(), SearchConductor.outcomes(status.getSearch()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void scalingEvent(LlmLoadTest test, KubernetesClient client, ScalingEvents.Event e) {
        if (e.warning()) {
            events.warning(client, test, e.reason(), e.message());
        } else {
            events.normal(client, test, e.reason(), e.message());
        }
    }

    /** Each server alert (KV cache full, queueing, preemptions...) as a Warning Event. */
    private void serverAlertEvents(LlmLoadTest test, KubernetesClient client, Report report) {
        if (report == null || !(report.server() instanceof ServerReport server)) {
            return;
        }
        for (ServerReport.Alert alert : server.alerts()) {
            events.warning(client, test, "ServerAlert", "Stage " + alert.stage() + ": " + alert.message()
                    + " (" + alert.metric() + " " + alert.observed() + ", threshold " + alert.threshold() + ").");
        }
    }

    /** When the runner pods should go: null never, zero now, else after this long. */
    private Duration cleanupDelay(LlmLoadTest test, String phase, LlmLoadTestStatus status) {
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
        Instant finishedAt = status.getCompletionTime() == null ? Instant.now(clock)
                : Instant.parse(status.getCompletionTime());
        Duration left = Duration.between(Instant.now(clock), finishedAt.plusSeconds(ttl));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static String breachedTargets(Report report) {
        // The whole run's targets and spec.autoscaling.expect (its windows' rows are information only).
        return report.slo().stream().filter(r -> (r.scope().equals("overall") || r.scope().equals("autoscaling"))
                        && !r.met())
                .map(r -> r.metric() + " " + (r.observed() == null ? "no data" : r.observed()) + " > " + r.target())
                .collect(Collectors.joining(", "));
    }
}
