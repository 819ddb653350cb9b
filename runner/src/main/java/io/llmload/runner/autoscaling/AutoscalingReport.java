package io.llmload.runner.autoscaling;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.llmload.runner.spec.AutoscalingSpec;
import java.util.List;
import java.util.Map;

/**
 * report.json's {@code autoscaling} section (docs/autoscaling.md): where the replica timeline came from, the
 * replicas at a glance and per stage, the scaling events with their latencies, the scale-up and steady windows judged
 * on their own, the summary sentence, and the timeline itself. The expectation rows are in the report's slo[]
 * (scope {@code autoscaling}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AutoscalingReport(
        AutoscalingSpec.WorkloadRef target,
        AutoscalingSpec.AutoscalerRef autoscaler,
        String source,
        Double pollIntervalSeconds,
        int samples,
        int failures,
        Replicas replicas,
        List<ScalingEvent> events,
        List<ScalingWindow> windows,
        String summary,
        List<StageReplicas> stages,
        List<TimelineSample> timeline) {

    /** The replicas at a glance (null where no reading had a value). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Replicas(Integer initialDesired, Integer initialReady, Integer maxDesired, Integer minReady,
            Integer maxReady, Integer finalDesired, Integer finalReady) {
    }

    /** The replicas while one stage ran. */
    public record StageReplicas(String stage, int minDesired, int maxDesired, int minReady, int maxReady,
            int samples) {
    }

    /** One reading, on the run's timeline. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TimelineSample(double offsetSeconds, String stage, Integer desired, Integer ready,
            Integer available, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> metrics,
            String source) {

        public TimelineSample {
            metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        }
    }
}
