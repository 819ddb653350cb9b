package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.llmload.runner.slo.ReplicaPlan;

/** spec.plan's answer: replicas and cost for the target load (the assumptions are in the report). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanStatus(
        @JsonPropertyDescription("Replicas needed to carry the target at SLO (absent: no stage met the SLO).")
        Integer replicas,
        @JsonPropertyDescription("The target load: spec.plan.targetRate (req/s) or targetUsers (users).")
        double target,
        @JsonPropertyDescription("req/s or users.")
        String unit,
        @JsonPropertyDescription("What one replica carried at SLO in this test.")
        Double perReplica,
        @JsonPropertyDescription("Share of each replica's capacity kept free (fraction).")
        double headroom,
        @JsonPropertyDescription("Replicas x GPUs x price per GPU-hour x 730 h (absent without GPU pricing).")
        Double costPerMonth,
        @JsonPropertyDescription("The fleet's hourly cost over the output tokens an hour of the target load produces.")
        Double costPerMillionOutputTokens,
        @JsonPropertyDescription("The plan as a sentence, e.g. 'needs 9 replicas at SLO (...)'.")
        String summary) {

    public static PlanStatus of(ReplicaPlan p) {
        return p == null ? null : new PlanStatus(p.replicas(), p.target(), p.unit(), p.perReplica(), p.headroom(),
                p.costPerMonth(), p.costPerMillionOutputTokens(), p.summary());
    }
}
