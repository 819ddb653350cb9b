package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.llmload.runner.report.SloResult;

/** One SLO target checked against the whole run. */
public record SloStatus(
        @JsonPropertyDescription("Objective, e.g. 'ttft p95' or 'errorRate'.") String metric,
        @JsonPropertyDescription("Target as written in spec.slo.") String target,
        @JsonPropertyDescription("Observed value: ms for latencies, a fraction for errorRate.") Double observed,
        @JsonPropertyDescription("Whether the target was met.") Boolean met) {

    public static SloStatus of(SloResult r) {
        return new SloStatus(r.metric(), r.target(), r.observed(), r.met());
    }
}
