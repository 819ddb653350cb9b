package io.llmload.runner.capacity;

import io.llmload.runner.plan.SearchPlan;
import io.llmload.runner.report.Aggregate;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.report.RunData;
import io.llmload.runner.slo.ProbeOutcome;
import io.llmload.runner.slo.SearchResult;
import io.llmload.runner.slo.SloJudge;
import io.llmload.runner.slo.SloLimit;
import io.llmload.runner.spec.SloSpec;
import io.llmload.runner.slo.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The per-probe decisions of a capacity search, wherever its probes run: which probe comes next (the
 * {@link Bisection}), whether a probe held (its stage judged by the run's {@link SloJudge}, an aborted probe failed),
 * and the search's part of the final report. The CLI ({@link CapacitySearch}) runs each probe on one engine; the
 * operator runs it on all runners and judges the merged histograms — both through this class, so a probe is judged
 * and the next one chosen the same way on both paths.
 *
 * <p>No time and no I/O: the operator keeps the recorded outcomes in the test's status and rebuilds the course after
 * a restart with {@link #replay}, which gives the same next probe because the bisection is deterministic.
 */
public final class SearchCourse {

    /** A probe to run: its stage name in the report, its total level (all runners together), why it was chosen. */
    public record Probe(String stage, double level, Bisection.Phase phase) {
    }

    private final SearchPlan plan;
    private final SloSpec slo;
    private final SloJudge judge;
    private final Bisection bisection;
    private final List<ProbeOutcome> outcomes = new ArrayList<>();

    public SearchCourse(SearchPlan plan, SloSpec slo) {
        this.plan = plan;
        this.slo = slo;
        this.judge = new SloJudge(slo);
        this.bisection = new Bisection(plan.start(), plan.growth(), plan.precision(), plan.maxLevel(),
                plan.wholeLevels(), plan.maxProbes(), plan.repeats());
    }

    /**
     * The course after these recorded outcomes, in order. Each must be the probe the course asked for at its turn
     * (same stage and level), else the record does not belong to this search.
     *
     * @throws IllegalArgumentException when a recorded probe is not the one the search would have run
     */
    public static SearchCourse replay(SearchPlan plan, SloSpec slo, List<ProbeOutcome> recorded) {
        SearchCourse course = new SearchCourse(plan, slo);
        for (ProbeOutcome outcome : recorded == null ? List.<ProbeOutcome>of() : recorded) {
            course.record(outcome);
        }
        return course;
    }

    /** The next probe, or empty when the search is over (the same answer until an outcome is recorded). */
    public Optional<Probe> next() {
        return bisection.next().map(step -> new Probe(SearchPlan.probeName(outcomes.size() + 1), step.level(),
                step.phase()));
    }

    /**
     * Whether the probe held: it ran to its end and its stage in {@code data} is at SLO, judged exactly as the report
     * judges a stage. {@code data} holds the probe's stage: one engine's run, or the merged cells of all runners.
     *
     * @param abortReason why the probe was aborted (a guardrail), or null when it ran to its end: an aborted probe
     *     failed with that reason
     */
    public ProbeOutcome judge(RunData data, Probe probe, String abortReason) {
        String phase = probe.phase().label();
        if (abortReason != null) {
            return new ProbeOutcome(probe.stage(), probe.level(), phase, false, "aborted", abortReason);
        }
        Report report = ReportBuilder.build(data, slo);
        Aggregate measured = report.stages().stream().filter(s -> s.name().equals(probe.stage())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stage " + probe.stage() + " in the probe's data"));
        SloLimit limit = judge.limit(measured);
        return limit == null ? new ProbeOutcome(probe.stage(), probe.level(), phase, true, null, null)
                : new ProbeOutcome(probe.stage(), probe.level(), phase, false, limit.metric(), limit.detail());
    }

    /**
     * The outcome of the probe {@link #next()} returns.
     *
     * @throws IllegalArgumentException when the outcome is not of that probe (same stage and level)
     */
    public void record(ProbeOutcome outcome) {
        Probe expected = next().orElseThrow(() -> new IllegalArgumentException("probe " + outcome.stage()
                + " comes after the end of the search"));
        if (!expected.stage().equals(outcome.stage()) || expected.level() != outcome.level()) {
            throw new IllegalArgumentException("probe " + outcome.stage() + " at " + outcome.level()
                    + " is not the search's " + expected.stage() + " at " + expected.level());
        }
        bisection.record(outcome.held());
        outcomes.add(outcome);
    }

    /** The probe under way was cut from outside (Ctrl-C): listed as stopped, it says nothing about the SLO. */
    public void stopped(Probe probe, String reason) {
        outcomes.add(new ProbeOutcome(probe.stage(), probe.level(), probe.phase().label(), false, "stopped",
                reason));
    }

    /** Every probe so far, in order. */
    public List<ProbeOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /**
     * The search's part of the run's report (built from all probes as stages): {@code capacity.search} and the
     * search's verdict.
     *
     * @param stoppedEarly why the search was stopped from outside, or null
     */
    public Report finish(Report report, String levelUnit, String stoppedEarly) {
        // Asked once more: a course replayed from its record has not yet been told that nothing follows, which is
        // where the bisection learns why it stopped.
        next();
        SearchResult result = SearchExplanation.of(bisection, outcomes, levelUnit, plan.precision(),
                plan.maxProbes(), stoppedEarly);
        return report.withVerdict(verdict(report))
                .withCapacity(report.capacity() == null ? null : report.capacity().withSearch(result));
    }

    /**
     * A search is expected to fail some probes: that is how it finds the edge. Its verdict is the tier of the last
     * probe at the highest level that held (Pass or Degraded: some SLO-meeting load exists), Breach when none held.
     * The overall row still judges every probe together, as in any report.
     */
    private String verdict(Report report) {
        Double held = bisection.held();
        String edge = null;
        for (ProbeOutcome p : outcomes) {
            if (p.held() && held != null && p.level() == held) {
                edge = p.stage();
            }
        }
        String stage = edge;
        return report.stages().stream().filter(s -> s.name().equals(stage) && s.tier() != null).findFirst()
                .map(s -> Tier.valueOf(s.tier().toUpperCase(Locale.ROOT)).verdict())
                .orElse(Tier.BREACH.verdict());
    }
}
