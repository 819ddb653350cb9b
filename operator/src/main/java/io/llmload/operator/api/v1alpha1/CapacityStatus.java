package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.llmload.runner.slo.Capacity;

/** How much load the target held at SLO and where it saturated (rules in docs/metrics.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CapacityStatus(
        @JsonPropertyDescription("Closed model: the highest users level up to which every stage met every SLO target.")
        Integer maxUsersAtSlo,
        @JsonPropertyDescription("Open model: the highest arrival rate (req/s) up to which every stage met every SLO target.")
        Double maxRateAtSlo,
        @JsonPropertyDescription("The first stage where p95 latency exceeded 2x the baseline stage or errors 1%.")
        SaturationStatus saturatedAt,
        @JsonPropertyDescription("Growth of p95 TTFT across stages by level: flat, linear or exponential.")
        String ttftP95Growth,
        @JsonPropertyDescription("Growth of p95 end-to-end latency across stages by level: flat, linear or exponential.")
        String e2eP95Growth,
        @JsonPropertyDescription("The capacity as a sentence, e.g. 'holds 32 concurrent users at SLO (...)'.")
        String summary,
        @JsonPropertyDescription("Replicas and cost for spec.plan's target (absent without spec.plan).")
        PlanStatus plan) {

    public static CapacityStatus of(Capacity c) {
        return c == null ? null
                : new CapacityStatus(c.maxUsersAtSlo(), c.maxRateAtSlo(), SaturationStatus.of(c.saturatedAt()),
                        c.ttftP95Growth(), c.e2eP95Growth(), c.summary(), PlanStatus.of(c.plan()));
    }
}
