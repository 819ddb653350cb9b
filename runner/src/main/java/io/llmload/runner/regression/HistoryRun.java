package io.llmload.runner.regression;

import io.llmload.runner.compare.RunFigures;

/**
 * An earlier run a baseline may be taken from.
 *
 * @param passed whether it may serve as a baseline: it ran to the end with verdict Pass or Degraded and did not
 *     regress itself (the caller decides; a regressed run must not lower the bar for the next one)
 */
public record HistoryRun(String id, boolean passed, RunFigures figures) {
}
