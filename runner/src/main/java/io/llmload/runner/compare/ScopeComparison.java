package io.llmload.runner.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One scope (overall, a stage matched by name, or a request type) of both reports, metric by metric. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScopeComparison(String name, LabelDelta tier, List<MetricDelta> metrics) {

    /** The row of a metric by its key, or null. */
    public MetricDelta metric(String key) {
        return metrics.stream().filter(m -> m.metric().equals(key)).findFirst().orElse(null);
    }
}
