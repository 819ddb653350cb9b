package io.llmload.runner.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one scope (the whole run or one stage) cost, in the currency of {@code spec.cost}. Per-request and per-token
 * figures are null when there is nothing to divide by (no successful requests, no output tokens).
 *
 * @param name stage name, or "overall"
 * @param total cost of the scope: GPU time over its duration, or its tokens at the token prices
 * @param perRequest total / successful requests (failed requests produce nothing, yet their GPU time is paid)
 * @param perMillionOutputTokens total / output tokens × 1,000,000
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CostFigures(String name, double total, Double perRequest, Double perMillionOutputTokens) {
}
