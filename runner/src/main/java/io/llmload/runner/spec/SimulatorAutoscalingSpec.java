package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import java.time.Duration;

/**
 * The embedded simulator's autoscaling mode: a pool of simulated engines behind one endpoint, scaled like an HPA on
 * the engines' queue depth or KV-cache usage. Every field has a default (docs/autoscaling.md).
 */
public record SimulatorAutoscalingSpec(
        @Min(1)
        @JsonPropertyDescription("Fewest engines (default 1); the pool starts with this many, Ready.") Integer minReplicas,
        @Min(1)
        @Max(MAX_REPLICAS)
        @JsonPropertyDescription("Most engines (default 4, at most 16).") Integer maxReplicas,
        @Pattern("^(kvCacheUsage|requestsWaiting)$")
        @JsonPropertyDescription("What the autoscaler averages over Ready engines: kvCacheUsage (default, like "
                + "vllm:kv_cache_usage_perc) or requestsWaiting (vllm:num_requests_waiting).") String metric,
        @JsonPropertyDescription("Target average per engine (default 0.5 for kvCacheUsage, 4 for requestsWaiting): "
                + "desired = ceil(sum over Ready engines / target).") Double target,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("How often the autoscaler evaluates (default 1s; an HPA's sync period is 15s).") String interval,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("How long a higher recommendation must hold before the scale-up (default 5s; an "
                + "HPA's scale-up stabilization window).") String decisionDelay,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("From the scale-up decision to the new engine being Ready: the model load (default "
                + "15s).") String coldStart,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("How long a lower recommendation must hold before the scale-down (default 15s; an "
                + "HPA's scale-down stabilization window, 5m by default there).") String scaleDownDelay) {

    public static final int MAX_REPLICAS = 16;
    public static final String KV_CACHE_USAGE = "kvCacheUsage";
    public static final String REQUESTS_WAITING = "requestsWaiting";

    static final int DEFAULT_MIN = 1;
    static final int DEFAULT_MAX = 4;

    public int minReplicasOrDefault() {
        return minReplicas == null ? DEFAULT_MIN : minReplicas;
    }

    public int maxReplicasOrDefault() {
        return maxReplicas == null ? DEFAULT_MAX : maxReplicas;
    }

    public String metricOrDefault() {
        return metric == null ? KV_CACHE_USAGE : metric;
    }

    public double targetOrDefault() {
        return target != null ? target : metricOrDefault().equals(KV_CACHE_USAGE) ? 0.5 : 4;
    }

    public Duration intervalOrDefault() {
        return Durations.parseOr(interval, Duration.ofSeconds(1));
    }

    public Duration decisionDelayOrDefault() {
        return Durations.parseOr(decisionDelay, Duration.ofSeconds(5));
    }

    public Duration coldStartOrDefault() {
        return Durations.parseOr(coldStart, Duration.ofSeconds(15));
    }

    public Duration scaleDownDelayOrDefault() {
        return Durations.parseOr(scaleDownDelay, Duration.ofSeconds(15));
    }
}
