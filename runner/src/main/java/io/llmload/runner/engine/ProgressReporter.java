package io.llmload.runner.engine;

import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.LatencyMetric;
import io.llmload.runner.metrics.MetricsCollector;
import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.plan.PlannedStage;

/**
 * Turns each closed interval into a {@link ProgressSnapshot} for the listener: where the plan is, the interval's
 * rates, running totals and the current stage's p95 TTFT so far. Confined to the control loop.
 */
final class ProgressReporter {

    private final LoadPlan plan;
    private final MetricsCollector metrics;
    private final ProgressListener listener;
    private long requestsSoFar;
    private long errorsSoFar;

    ProgressReporter(LoadPlan plan, MetricsCollector metrics, ProgressListener listener) {
        this.plan = plan;
        this.metrics = metrics;
        this.listener = listener;
    }

    void onInterval(long offsetNanos, double seconds, CellStats interval, int inFlight) {
        // Intervals sum to the totals, so running counts need no re-merge of every stage's histograms each second.
        requestsSoFar += interval.requests();
        errorsSoFar += interval.errorsTotal();
        PlannedStage stage = plan.stageAt(offsetNanos);
        Double ttft = IntervalFlipper.p95Millis(metrics.stageTotal(stage.name()).histogram(LatencyMetric.TTFT));
        listener.onProgress(new ProgressSnapshot(stage.name(), stage.warmup(), stage.levelAt(offsetNanos),
                Math.min(offsetNanos, plan.totalNanos()) / 1e9, plan.totalNanos() / 1e9, inFlight,
                interval.requests() / seconds, interval.outputTokens() / seconds, requestsSoFar, errorsSoFar,
                ttft == null ? Double.NaN : ttft));
    }
}
