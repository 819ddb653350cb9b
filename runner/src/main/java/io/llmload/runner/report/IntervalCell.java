package io.llmload.runner.report;

import io.llmload.runner.metrics.CellData;

/**
 * One interval of the run (the same intervals as {@link TimelinePoint}, ending at {@code offsetSeconds}) with its
 * counters and HdrHistograms: the requests of measured stages that finished in it, every request type together.
 * Windows that are not stages (the autoscaling analysis' scale-up and steady windows) are judged from merges of
 * these, so their percentiles too come from histograms. Recorded only when asked for, since it costs an encoded
 * cell per second; {@code cell.stage()} is the stage running at the interval's end.
 */
public record IntervalCell(double offsetSeconds, double seconds, CellData cell) {
}
