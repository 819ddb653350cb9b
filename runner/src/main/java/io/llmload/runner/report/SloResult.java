package io.llmload.runner.report;

/** One SLO target checked against one scope: e.g. ttft p95 ≤ 500ms over the whole run, observed 212ms, met. */
public record SloResult(String scope, String metric, String target, double targetValue, Double observed,
        boolean met) {
}
