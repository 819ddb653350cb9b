package io.llmload.runner.autoscaling;

import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.Histograms;
import io.llmload.runner.report.IntervalCell;
import java.util.List;
import java.util.function.DoublePredicate;
import org.HdrHistogram.Histogram;

/**
 * The run's per-interval cells on its timeline: each interval's value of the latency objective (a percentile of that
 * interval's histogram) and merges of the intervals inside a window, so every window percentile comes from a merged
 * histogram. An interval belongs to the window holding its midpoint.
 */
final class IntervalSeries {

    private final List<IntervalCell> cells;
    private final Double[] values;

    IntervalSeries(List<IntervalCell> cells, LatencyTarget target) {
        this.cells = List.copyOf(cells);
        this.values = new Double[cells.size()];
        if (target != null) {
            for (int i = 0; i < cells.size(); i++) {
                values[i] = percentileMs(cells.get(i), target);
            }
        }
    }

    int size() {
        return cells.size();
    }

    double start(int i) {
        return cells.get(i).offsetSeconds() - cells.get(i).seconds();
    }

    double midpoint(int i) {
        return cells.get(i).offsetSeconds() - cells.get(i).seconds() / 2;
    }

    double seconds(int i) {
        return cells.get(i).seconds();
    }

    /** The objective's percentile in this interval (ms), or null when no request of it finished there. */
    Double value(int i) {
        return values[i];
    }

    /** The cells of the intervals whose midpoint {@code inWindow} accepts, merged; and their total length. */
    Merged merge(DoublePredicate inWindow) {
        CellStats sum = new CellStats();
        double seconds = 0;
        for (int i = 0; i < cells.size(); i++) {
            if (inWindow.test(midpoint(i))) {
                sum.add(CellStats.fromData(cells.get(i).cell()));
                seconds += cells.get(i).seconds();
            }
        }
        return new Merged(sum, seconds);
    }

    record Merged(CellStats stats, double seconds) {
    }

    private static Double percentileMs(IntervalCell cell, LatencyTarget target) {
        String encoded = cell.cell().histograms().get(target.metric().key());
        if (encoded == null) {
            return null;
        }
        Histogram h = Histograms.decode(encoded);
        return h.getTotalCount() == 0 ? null : h.getValueAtPercentile(target.percentileValue()) / 1000.0;
    }
}
