package io.llmload.runner.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One SLO target checked against one scope: e.g. ttft p95 ≤ 500ms over the whole run, observed 212ms, met.
 * {@code detail} says in words what a number cannot (e.g. "never scaled up: 1 replica throughout"); null for the
 * latency and error-rate rows.
 */
public record SloResult(String scope, String metric, String target, double targetValue, Double observed,
        boolean met, @JsonInclude(JsonInclude.Include.NON_NULL) String detail) {

    @JsonCreator
    public SloResult {
    }

    public SloResult(String scope, String metric, String target, double targetValue, Double observed, boolean met) {
        this(scope, metric, target, targetValue, observed, met, null);
    }
}
