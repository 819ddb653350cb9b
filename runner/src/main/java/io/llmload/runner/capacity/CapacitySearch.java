package io.llmload.runner.capacity;

import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.plan.SearchPlan;
import io.llmload.runner.report.Aggregate;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.report.RunData;
import io.llmload.runner.slo.ProbeOutcome;
import io.llmload.runner.slo.SearchResult;
import io.llmload.runner.slo.SloJudge;
import io.llmload.runner.slo.SloLimit;
import io.llmload.runner.slo.Tier;
import io.llmload.runner.spec.CostSpec;
import io.llmload.runner.spec.PlanSpec;
import io.llmload.runner.spec.SloSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a capacity search: asks the {@link Bisection} for a level, runs one probe at it (a short load test of its
 * own: warmup, the probe, the graceful stop), judges the probe's stage with the run's {@link SloJudge}, and tells
 * the bisection whether it held, until the bisection is done. A probe aborted by a guardrail counts as failed and
 * the search goes on; {@link #stop} (Ctrl-C) ends it after the probe under way. The probes become one report,
 * each probe a stage, with {@code capacity.search} explaining the sequence.
 */
public final class CapacitySearch {

    /** Runs one probe's plan against the target and returns what it measured. */
    @FunctionalInterface
    public interface ProbeRunner {
        RunData run(LoadPlan probe) throws InterruptedException;
    }

    /** The probes as one run (each probe a stage) and its report, with {@code capacity.search}. */
    public record Result(RunData data, Report report) {
    }

    private final SearchPlan plan;
    private final SloSpec slo;
    private final SloJudge judge;
    private final ProbeRunner runner;
    private volatile String stopReason;

    public CapacitySearch(SearchPlan plan, SloSpec slo, ProbeRunner runner) {
        this.plan = plan;
        this.slo = slo;
        this.judge = new SloJudge(slo);
        this.runner = runner;
    }

    /** No probe after the one under way (that one the caller aborts); the report says why. */
    public void stop(String reason) {
        stopReason = reason;
    }

    /** Runs the whole search and reports it: every probe a stage, {@code capacity.search} the answer. */
    public Result run(String name, CostSpec cost, PlanSpec replicaPlan) throws InterruptedException {
        Bisection search = new Bisection(plan.start(), plan.growth(), plan.precision(), plan.maxLevel(),
                plan.wholeLevels(), plan.maxProbes(), plan.repeats());
        List<RunData> runs = new ArrayList<>();
        List<ProbeOutcome> outcomes = new ArrayList<>();
        // Bounded: the bisection ends after at most maxProbes recorded probes.
        while (stopReason == null) {
            Bisection.Step step = search.next().orElse(null);
            if (step == null) {
                break;
            }
            String stage = SearchPlan.probeName(runs.size() + 1);
            RunData data = runner.run(plan.probe(stage, step.level()));
            runs.add(data);
            if (stopReason != null) {
                // Stopped from outside mid-probe: what it measured is kept, but it says nothing about the SLO.
                outcomes.add(new ProbeOutcome(stage, step.level(), step.phase().label(), false, "stopped",
                        stopReason));
                break;
            }
            ProbeOutcome outcome = judge(data, stage, step);
            outcomes.add(outcome);
            search.record(outcome.held());
        }
        if (runs.isEmpty()) {
            throw new IllegalStateException("the search stopped before its first probe: " + stopReason);
        }
        RunData all = ProbeRuns.concat(name, runs, stopReason);
        Report report = ReportBuilder.build(all, slo, cost, replicaPlan);
        SearchResult result = SearchExplanation.of(search, outcomes, all.levelUnit(), plan.precision(),
                plan.maxProbes(), stopReason);
        return new Result(all, report.withVerdict(verdict(report, outcomes, search.held()))
                .withCapacity(report.capacity() == null ? null : report.capacity().withSearch(result)));
    }

    /**
     * A search is expected to fail some probes: that is how it finds the edge. Its verdict is the tier of the last
     * probe at the highest level that held (Pass or Degraded: some SLO-meeting load exists), Breach when none held.
     * The overall row still judges every probe together, as in any report.
     */
    private static String verdict(Report report, List<ProbeOutcome> outcomes, Double held) {
        String edge = null;
        for (ProbeOutcome p : outcomes) {
            if (p.held() && held != null && p.level() == held) {
                edge = p.stage();
            }
        }
        String stage = edge;
        return report.stages().stream().filter(s -> s.name().equals(stage) && s.tier() != null).findFirst()
                .map(s -> Tier.valueOf(s.tier().toUpperCase(java.util.Locale.ROOT)).verdict())
                .orElse(Tier.BREACH.verdict());
    }

    /** Held: the probe ran to its end and its stage is at SLO, judged exactly as the report judges it. */
    private ProbeOutcome judge(RunData data, String stage, Bisection.Step step) {
        String phase = step.phase().label();
        if (data.aborted()) {
            return new ProbeOutcome(stage, step.level(), phase, false, "aborted", data.abortReason());
        }
        Report probe = ReportBuilder.build(data, slo);
        Aggregate measured = probe.stages().stream().filter(s -> s.name().equals(stage)).findFirst().orElseThrow();
        SloLimit limit = judge.limit(measured);
        return limit == null ? new ProbeOutcome(stage, step.level(), phase, true, null, null)
                : new ProbeOutcome(stage, step.level(), phase, false, limit.metric(), limit.detail());
    }
}
