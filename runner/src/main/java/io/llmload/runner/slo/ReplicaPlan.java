package io.llmload.runner.slo;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * report.json's {@code capacity.plan}: how many replicas carry {@code spec.plan}'s target at SLO, and what they
 * cost, with the assumptions behind it. Prices are in whatever currency spec.cost is written in; cost figures are
 * absent without GPU pricing.
 *
 * @param target the load to carry (req/s or users, {@code unit})
 * @param perReplica what one replica carried at SLO in this test (stage {@code measuredAt})
 * @param usablePerReplica {@code perReplica} less the headroom: what each replica is planned to carry
 * @param replicas ceil(target / usablePerReplica); absent when no level met the SLO
 * @param costPerMonth replicas x GPUs x price per GPU-hour x {@value io.llmload.runner.slo.ReplicaPlan#HOURS_PER_MONTH} h
 * @param costPerMillionOutputTokens the hourly cost over the output tokens an hour of the target load produces
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicaPlan(double target, String unit, Double perReplica, String measuredAt, double headroom,
        Double usablePerReplica, Integer replicas, int gpusPerReplica, Double gpuHourlyPrice, Double costPerHour,
        Double costPerMonth, Double costPerMillionOutputTokens, List<String> assumptions, String summary) {

    /** 365 days x 24 h / 12 months: the month cloud price sheets use. */
    public static final double HOURS_PER_MONTH = 730;
}
