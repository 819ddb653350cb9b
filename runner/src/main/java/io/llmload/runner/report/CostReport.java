package io.llmload.runner.report;

import java.util.List;

/**
 * report.json's {@code cost}: the pricing used ("gpu" — GPU-hour price × GPUs over the measured time — or "tokens" —
 * price per 1M input and output tokens) and the figures for the whole run and each measured stage.
 */
public record CostReport(String pricing, CostFigures overall, List<CostFigures> stages) {
}
