package io.llmload.runner.engine;

import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.Histograms;
import io.llmload.runner.metrics.MetricsCollector;
import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.plan.PlannedStage;
import io.llmload.runner.report.IntervalCell;
import io.llmload.runner.report.TimelinePoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * Closes an interval every second: flips the metrics (the interval series sums to the totals), adds the timeline
 * point, collects every event loop's lag (kept once the warmup is over) and hands the interval to progress and
 * guardrails; keeps each interval's measured cell when asked ({@code EngineConfig.intervalCells}). Confined to the
 * control loop.
 */
final class IntervalFlipper {

    static final long INTERVAL_MS = 1_000;

    /** What else looks at each closed interval. */
    interface Listener {
        void onInterval(long offsetNanos, double seconds, CellStats interval, int inFlight);
    }

    private final LoadPlan plan;
    private final MetricsCollector metrics;
    private final EngineLoops loops;
    private final List<TimelinePoint> timeline = new ArrayList<>();
    /** Null unless the interval cells are kept. */
    private final List<IntervalCell> cells;
    private final Set<String> warmupStages;
    private final Histogram measuredControlLag = Histograms.create();
    private final Histogram measuredLaneLag = Histograms.create();
    private final long warmupEndNanos;
    private long startNanos;
    private long lastFlipNanos;

    IntervalFlipper(LoadPlan plan, MetricsCollector metrics, EngineLoops loops, boolean keepCells) {
        this.plan = plan;
        this.metrics = metrics;
        this.loops = loops;
        this.cells = keepCells ? new ArrayList<>() : null;
        this.warmupStages = plan.stages().stream().filter(PlannedStage::warmup).map(PlannedStage::name)
                .collect(Collectors.toUnmodifiableSet());
        this.warmupEndNanos = plan.stages().stream().filter(PlannedStage::warmup)
                .mapToLong(PlannedStage::endNanos).max().orElse(0);
    }

    void start(long testStartNanos) {
        startNanos = testStartNanos;
        lastFlipNanos = testStartNanos;
    }

    /** Closes the interval in progress now. */
    void flip(int inFlight, Listener... listeners) {
        long now = System.nanoTime();
        MetricsCollector.Interval interval = metrics.flip();
        CellStats all = interval.merged();
        double seconds = Math.max(1e-3, (now - lastFlipNanos) / 1e9);
        long offset = now - startNanos;
        // Lag of an interval that ended in the warmup is the JIT's and the connection pool's: left out like latency.
        Histogram controlLag = loops.controlLagInterval();
        Histogram laneLag = loops.laneLagInterval(Histograms.create());
        if (offset > warmupEndNanos) {
            measuredControlLag.add(controlLag);
            measuredLaneLag.add(laneLag);
        }
        lastFlipNanos = now;
        PlannedStage stage = plan.stageAt(offset);
        timeline.add(TimelinePoint.of(offset / 1e9, stage.name(), stage.levelAt(offset), all, seconds, inFlight));
        if (cells != null) {
            CellStats measured = interval.merged(row -> !warmupStages.contains(row.stage()));
            cells.add(new IntervalCell(round(offset / 1e9), round(seconds), measured.toData(stage.name(), "")));
        }
        for (Listener listener : listeners) {
            listener.onInterval(offset, seconds, all, inFlight);
        }
    }

    List<TimelinePoint> timeline() {
        return List.copyOf(timeline);
    }

    /** The measured cell of every interval so far (empty unless kept). */
    List<IntervalCell> cells() {
        return cells == null ? List.of() : List.copyOf(cells);
    }

    /** The control loop's lateness (µs) after the warmup. */
    Histogram measuredControlLag() {
        return measuredControlLag;
    }

    /** The I/O lanes' lateness (µs) after the warmup, merged. */
    Histogram measuredLaneLag() {
        return measuredLaneLag;
    }

    static Double p95Millis(Histogram h) {
        return h.getTotalCount() == 0 ? null : round(h.getValueAtPercentile(95) / 1000.0);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
