package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.llmload.runner.slo.Saturation;

/** The first stage where the service saturated. */
public record SaturationStatus(
        @JsonPropertyDescription("Stage name.") String stage,
        @JsonPropertyDescription("Stage level: users (closed model) or arrivals/s (open model).") Double level,
        @JsonPropertyDescription("What crossed the line, e.g. 'p95 E2E 2.60x the baseline' or 'error rate 3%'.")
        String reason) {

    public static SaturationStatus of(Saturation s) {
        return s == null ? null : new SaturationStatus(s.stage(), s.level(), s.reason());
    }
}
