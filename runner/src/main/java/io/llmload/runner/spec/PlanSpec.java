package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/**
 * A replica and cost plan: the load the fleet must carry at SLO, turned into replicas from what one replica held in
 * this test (its capacity at SLO), priced with {@code spec.cost}. Give exactly one target. See docs/capacity.md.
 */
public record PlanSpec(
        @Min(0)
        @JsonPropertyDescription("Requests per second the fleet must serve at SLO, e.g. 500.") Double targetRate,
        @Min(0)
        @JsonPropertyDescription("Concurrent users the fleet must serve at SLO (closed model), e.g. 2000.")
        Integer targetUsers,
        @Pattern(SchemaPatterns.RATIO)
        @JsonPropertyDescription("Share of each replica's capacity kept free, e.g. 15% (default 15%).") String headroom,
        @Min(1)
        @JsonPropertyDescription("GPUs per replica (default spec.cost.gpus, else 1).") Integer gpusPerReplica) {

    public static final double DEFAULT_HEADROOM = 0.15;
}
