package io.llmload.runner.worker;

import io.llmload.runner.report.RunData;

/**
 * {@code GET /v1/progress}: the cumulative results so far (every cell with its histograms, so the operator can merge
 * runners losslessly) and the phase. Before the start the cells are there with zero counts; once the run ended the
 * data is the final result.
 */
public record WorkerProgress(WorkerPhase phase, int index, RunData data) {
}
