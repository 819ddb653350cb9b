package io.llmload.operator.reconciler;

import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.SearchProbeStatus;
import io.llmload.operator.api.v1alpha1.SearchStatus;
import io.llmload.operator.config.OperatorConfig;
import io.llmload.operator.observe.MergedGuardrails;
import io.llmload.operator.observe.RunnerFleet;
import io.llmload.operator.observe.RunnerPod;
import io.llmload.operator.status.StatusBuilder;
import io.llmload.runner.capacity.Bisection;
import io.llmload.runner.capacity.SearchCourse;
import io.llmload.runner.report.RunData;
import io.llmload.runner.slo.Capacity;
import io.llmload.runner.slo.ProbeOutcome;
import io.llmload.runner.worker.ProbeCommand;
import io.llmload.runner.worker.ProbeState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A capacity search across all runners, one poll at a time: every probe runs on every runner at one common start
 * time, each runner producing its share of the probe's total level; once every runner reports the probe done, its
 * stage is judged on the merged histograms of all runners by the CLI's own {@link SearchCourse}, which also picks
 * the next probe — or the search finishes and the runners end their run. A guardrail tripped on the merged stream
 * (or by one runner on its share) ends only the probe under way, on every runner; the probe counts as failed.
 *
 * <p>The judged probes and the one under way live in {@code status.search}: a restarted operator replays them into
 * a new course (the bisection is deterministic), so it asks for the same next probe, and resends the command of the
 * probe under way to the runners that do not report it (commands are idempotent). Every command follows the save of
 * the status that decided it.
 */
@ApplicationScoped
class SearchConductor {

    private final OperatorConfig config;
    private final RunnerFleet fleet;
    private final MergedGuardrails guardrails;

    SearchConductor(OperatorConfig config, RunnerFleet fleet, MergedGuardrails guardrails) {
        this.config = config;
        this.fleet = fleet;
        this.guardrails = guardrails;
    }

    /**
     * What one poll decided: the stage to show as under way, what to send the runners once the status is saved, and
     * the text of an Event when a probe was judged or aborted.
     */
    record Turn(String stage, Runnable afterSave, Optional<Event> event) {
    }

    /** An Event to emit after the save. */
    record Event(boolean warning, String reason, String message) {
    }

    /** The first probe, at the run's start time: part of the start, sent right after the start signal. */
    SearchProbeStatus first(RunPlan plan, Instant startAt) {
        SearchCourse.Probe probe = SearchCourse.replay(plan.search(), plan.slo(), List.of()).next().orElseThrow();
        return SearchProbeStatus.running(probe.stage(), probe.level(), probe.phase().label(), startAt.toString());
    }

    /** Commands a probe on these runners. */
    void command(List<RunnerPod> pods, SearchProbeStatus probe) {
        fleet.probe(pods, ProbeCommand.run(probe.stage(), probe.level(),
                Instant.parse(probe.startTime()).toEpochMilli()));
    }

    /**
     * One poll of a search under way.
     *
     * @throws IllegalArgumentException when status.search does not replay into this run's search (edited by hand)
     */
    Turn poll(LlmLoadTest test, RunPlan plan, List<RunnerPod> pods, StatusBuilder status,
            RunnerFleet.Snapshot snapshot, Instant start, Instant now) {
        SearchStatus search = status.current().getSearch();
        List<SearchProbeStatus> recorded = search == null || search.probes() == null ? List.of() : search.probes();
        SearchCourse course = SearchCourse.replay(plan.search(), plan.slo(), outcomes(search));
        SearchProbeStatus current = search == null ? null : search.current();
        if (current == null) {
            return next(test, course, recorded, pods, status, now, lastStage(recorded));
        }
        Map<Integer, ProbeState> states = states(snapshot, current.stage());
        List<RunnerPod> missing = pods.stream().filter(p -> snapshot.byRunner().containsKey(p.index())
                && !states.containsKey(p.index())).toList();
        if (!missing.isEmpty()) {
            command(missing, current); // a lost command, or a restarted operator: the same command again
        }
        boolean allDone = states.size() >= plan.replicas() && states.values().stream().allMatch(ProbeState::done);
        if (!allDone) {
            return whileRunning(test, plan, pods, snapshot, start, now, current, states);
        }
        // Every runner ended the probe: judge its stage on all runners' cells merged.
        String abortReason = states.values().stream().map(ProbeState::abortReason).filter(r -> r != null)
                .findFirst().orElse(null);
        RunData merged = snapshot.merged().orElseThrow();
        ProbeOutcome outcome = course.judge(merged, probe(current), abortReason);
        course.record(outcome);
        List<SearchProbeStatus> judged = new ArrayList<>(recorded);
        judged.add(SearchProbeStatus.of(outcome));
        Turn turn = next(test, course, judged, pods, status, now, current.stage());
        String text = "Probe " + outcome.stage() + " at " + Capacity.formatLevel(outcome.level()) + " "
                + merged.levelUnit() + (outcome.held() ? " held the SLO."
                        : " failed: " + outcome.limitMetric() + " (" + outcome.limit() + ").");
        return new Turn(turn.stage(), turn.afterSave(), Optional.of(new Event(false, "ProbeJudged", text)));
    }

    /** The probe runs: a guardrail on the merged stream, or one runner's own, ends it on every runner. */
    private Turn whileRunning(LlmLoadTest test, RunPlan plan, List<RunnerPod> pods, RunnerFleet.Snapshot snapshot,
            Instant start, Instant now, SearchProbeStatus current, Map<Integer, ProbeState> states) {
        Optional<String> runnerAbort = states.values().stream().map(ProbeState::abortReason)
                .filter(r -> r != null).findFirst();
        if (runnerAbort.isPresent()) {
            // One runner's share tripped its guardrail: the probe is over, stop the others' share of it too.
            fleet.probe(pods, ProbeCommand.abort(current.stage(), runnerAbort.get()));
            return new Turn(current.stage(), () -> { }, Optional.empty());
        }
        Optional<String> tripped = guardrails.observe(test, plan.guardrails(), start, now, snapshot.byRunner());
        if (tripped.isEmpty()) {
            return new Turn(current.stage(), () -> { }, Optional.empty());
        }
        String reason = tripped.get();
        fleet.probe(pods, ProbeCommand.abort(current.stage(), reason));
        return new Turn(current.stage(), () -> { }, Optional.of(new Event(true, "GuardrailTripped",
                reason + " — probe " + current.stage() + " aborted; the search goes on")));
    }

    /** The next probe from now (common start one start lead ahead), or the end of the search. */
    private Turn next(LlmLoadTest test, SearchCourse course, List<SearchProbeStatus> judged, List<RunnerPod> pods,
            StatusBuilder status, Instant now, String shown) {
        Optional<SearchCourse.Probe> next = course.next();
        if (next.isEmpty()) {
            status.search(SearchStatus.running(judged, null));
            // The runners end their run; they report FINISHED and the run completes as any other.
            return new Turn(shown, () -> fleet.probe(pods, ProbeCommand.finishSearch()), Optional.empty());
        }
        SearchCourse.Probe probe = next.get();
        SearchProbeStatus upcoming = SearchProbeStatus.running(probe.stage(), probe.level(), probe.phase().label(),
                now.plus(config.startLead()).toString());
        status.search(SearchStatus.running(judged, upcoming));
        return new Turn(probe.stage(), () -> {
            guardrails.forget(test); // each probe is guarded on its own: the next poll takes a new baseline
            command(pods, upcoming);
        }, Optional.empty());
    }

    /** The recorded outcomes in order, as the course takes them. */
    static List<ProbeOutcome> outcomes(SearchStatus search) {
        return search == null || search.probes() == null ? List.of()
                : search.probes().stream().map(SearchProbeStatus::outcome).toList();
    }

    private static SearchCourse.Probe probe(SearchProbeStatus p) {
        return new SearchCourse.Probe(p.stage(), p.level(),
                Bisection.Phase.valueOf(p.phase().toUpperCase(Locale.ROOT)));
    }

    /** Each answering runner's state of this probe (absent: it does not know the probe). */
    private static Map<Integer, ProbeState> states(RunnerFleet.Snapshot snapshot, String stage) {
        Map<Integer, ProbeState> states = new LinkedHashMap<>();
        snapshot.probes().forEach((index, probes) -> probes.stream().filter(p -> stage.equals(p.stage())).findFirst()
                .ifPresent(p -> states.put(index, p)));
        return states;
    }

    private static String lastStage(List<SearchProbeStatus> recorded) {
        return recorded.isEmpty() ? null : recorded.get(recorded.size() - 1).stage();
    }
}
