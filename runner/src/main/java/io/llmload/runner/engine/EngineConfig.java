package io.llmload.runner.engine;

import io.llmload.runner.metrics.GoodputThresholds;
import io.llmload.runner.metrics.LiveMetrics;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.plan.RunnerShare;
import io.llmload.runner.spec.WorkloadSpec;
import java.util.function.Consumer;

/**
 * What one engine run needs.
 *
 * @param startAtEpochMillis wall-clock start shared by all runners of a test (null: start now)
 * @param traceListener sees every finished request (tests compare them with the simulator's ground truth)
 * @param guardrails conditions that abort the run early (null: none)
 * @param goodput the SLO's per-request limits: successes within all of them count as good (goodput)
 * @param intervalCells whether to keep every interval's cell with its histograms ({@code RunData.intervals})
 * @param live the Prometheus meters the run also records into (none: {@link LiveMetrics#NONE})
 */
public record EngineConfig(String name, LoadPlan plan, RunnerShare share, WorkloadSpec workload, Target target,
        long seed, Long startAtEpochMillis, ProgressListener progress, Consumer<RequestTrace> traceListener,
        Guardrails guardrails, GoodputThresholds goodput, boolean intervalCells, LiveMetrics live) {

    public EngineConfig {
        progress = progress == null ? ProgressListener.NONE : progress;
        traceListener = traceListener == null ? trace -> { } : traceListener;
        goodput = goodput == null ? GoodputThresholds.NONE : goodput;
        live = live == null ? LiveMetrics.NONE : live;
    }

    public static EngineConfig of(String name, LoadPlan plan, WorkloadSpec workload, Target target, long seed) {
        return new EngineConfig(name, plan, RunnerShare.SOLE, workload, target, seed, null, null, null, null, null,
                false, null);
    }

    public EngineConfig withProgress(ProgressListener listener) {
        return new EngineConfig(name, plan, share, workload, target, seed, startAtEpochMillis, listener, traceListener,
                guardrails, goodput, intervalCells, live);
    }

    public EngineConfig withTraceListener(Consumer<RequestTrace> listener) {
        return new EngineConfig(name, plan, share, workload, target, seed, startAtEpochMillis, progress, listener,
                guardrails, goodput, intervalCells, live);
    }

    public EngineConfig withShare(RunnerShare runnerShare, Long startAt) {
        return new EngineConfig(name, plan, runnerShare, workload, target, seed, startAt, progress, traceListener,
                guardrails, goodput, intervalCells, live);
    }

    public EngineConfig withGuardrails(Guardrails limits) {
        return new EngineConfig(name, plan, share, workload, target, seed, startAtEpochMillis, progress, traceListener,
                limits, goodput, intervalCells, live);
    }

    /**
     * The same engine for another plan (a capacity search's probe): the target's connections sized for that plan,
     * and no start time of its own (the probe is launched when it is due).
     */
    public EngineConfig withPlan(LoadPlan newPlan, Target newTarget) {
        return new EngineConfig(name, newPlan, share, workload, newTarget, seed, null, progress, traceListener,
                guardrails, goodput, intervalCells, live);
    }

    /** With the SLO's per-request goodput limits (see {@code slo.Goodput#thresholds}). */
    public EngineConfig withGoodput(GoodputThresholds thresholds) {
        return new EngineConfig(name, plan, share, workload, target, seed, startAtEpochMillis, progress, traceListener,
                guardrails, thresholds, intervalCells, live);
    }

    /** Keeping every interval's cell (for windows that are not stages, e.g. spec.autoscaling's). */
    public EngineConfig withIntervalCells(boolean keep) {
        return new EngineConfig(name, plan, share, workload, target, seed, startAtEpochMillis, progress, traceListener,
                guardrails, goodput, keep, live);
    }

    /** Also recording into these Prometheus meters while the run goes on. */
    public EngineConfig withLiveMetrics(LiveMetrics meters) {
        return new EngineConfig(name, plan, share, workload, target, seed, startAtEpochMillis, progress, traceListener,
                guardrails, goodput, intervalCells, meters);
    }
}
