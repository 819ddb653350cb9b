package io.llmload.runner.capacity;

import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.plan.SearchPlan;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.report.RunData;
import io.llmload.runner.spec.CostSpec;
import io.llmload.runner.spec.PlanSpec;
import io.llmload.runner.spec.SloSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a capacity search in one process: asks the {@link SearchCourse} for a probe, runs it (a short load test of
 * its own: warmup, the probe, the graceful stop), has the course judge the probe's stage and record whether it held,
 * until the course is done. A probe aborted by a guardrail counts as failed and
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
    private final ProbeRunner runner;
    private volatile String stopReason;

    public CapacitySearch(SearchPlan plan, SloSpec slo, ProbeRunner runner) {
        this.plan = plan;
        this.slo = slo;
        this.runner = runner;
    }

    /** No probe after the one under way (that one the caller aborts); the report says why. */
    public void stop(String reason) {
        stopReason = reason;
    }

    /** Runs the whole search and reports it: every probe a stage, {@code capacity.search} the answer. */
    public Result run(String name, CostSpec cost, PlanSpec replicaPlan) throws InterruptedException {
        SearchCourse course = new SearchCourse(plan, slo);
        List<RunData> runs = new ArrayList<>();
        // Bounded: the bisection ends after at most maxProbes recorded probes.
        while (stopReason == null) {
            SearchCourse.Probe probe = course.next().orElse(null);
            if (probe == null) {
                break;
            }
            RunData data = runner.run(plan.probe(probe.stage(), probe.level()));
            runs.add(data);
            if (stopReason != null) {
                // Stopped from outside mid-probe: what it measured is kept, but it says nothing about the SLO.
                course.stopped(probe, stopReason);
                break;
            }
            course.record(course.judge(data, probe, data.aborted() ? data.abortReason() : null));
        }
        if (runs.isEmpty()) {
            throw new IllegalStateException("the search stopped before its first probe: " + stopReason);
        }
        RunData all = ProbeRuns.concat(name, runs, stopReason);
        Report report = ReportBuilder.build(all, slo, cost, replicaPlan);
        return new Result(all, course.finish(report, all.levelUnit(), stopReason));
    }
}
