package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.llmload.runner.spec.Durations;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code spec.trigger.onRollout}: the workload whose rollouts start a run. It lives in the test's namespace: the
 * operator watches exactly this object (by name), nothing else of its kind.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutTargetSpec {

    public static final String DEFAULT_SETTLE = "30s";

    @Required
    @JsonPropertyDescription("API version of the workload: apps/v1 (Deployment, StatefulSet), serving.kserve.io/v1beta1 "
            + "(InferenceService) or leaderworkerset.x-k8s.io/v1 (LeaderWorkerSet).")
    private String apiVersion;

    @Required
    @JsonPropertyDescription("Kind of the workload: Deployment, StatefulSet, InferenceService or LeaderWorkerSet.")
    private String kind;

    @Required
    @JsonPropertyDescription("Name of the workload, in the test's namespace.")
    private String name;

    @Default(DEFAULT_SETTLE)
    @JsonPropertyDescription("How long to wait after the rollout is complete before the run starts (caches warm, "
            + "readiness settles), e.g. 60s, or 0s to start at once (default 30s).")
    private String settle;

    /** The settle time (0s allowed: run as soon as the rollout is complete); empty when it does not parse. */
    public Optional<Duration> settleDuration() {
        String s = settle == null ? DEFAULT_SETTLE : settle.trim();
        return s.matches("0+(ms|s|m|h)?") ? Optional.of(Duration.ZERO) : Durations.parse(s);
    }

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSettle() {
        return settle;
    }

    public void setSettle(String settle) {
        this.settle = settle;
    }
}
