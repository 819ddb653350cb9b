package io.llmload.runner.slo;

/**
 * Why a scope is not at SLO: the metric that failed, as people name it ("ITL p95", "error rate"), and the detail
 * with the observed value and the target ("ITL p95 61.2 ms > 50ms").
 */
public record SloLimit(String metric, String detail) {
}
