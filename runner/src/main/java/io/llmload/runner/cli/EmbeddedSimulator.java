package io.llmload.runner.cli;

import io.llmload.runner.simulator.ScalingMetric;
import io.llmload.runner.simulator.ScalingPolicy;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.llmload.runner.simulator.SimulatorProfile;
import io.llmload.runner.spec.SimulatorAutoscalingSpec;
import io.llmload.runner.spec.SimulatorSpec;

/** The simulator {@code llmload run} starts when the manifest has no target URL, from spec.target.simulator. */
final class EmbeddedSimulator {

    private EmbeddedSimulator() {
    }

    /**
     * @param durationScale --duration-scale: the autoscaler's delays are part of the simulated world, so a compressed
     *     run compresses them too (the expectations it is judged against are not scaled)
     */
    static Simulator start(SimulatorSpec spec, String model, double durationScale) {
        SimulatorConfig config = SimulatorConfig.defaults();
        if (spec != null && spec.profile() != null) {
            config = config.withProfile(SimulatorProfile.named(spec.profile()));
        }
        if (spec != null && spec.seed() != null) {
            config = config.withSeed(spec.seed());
        }
        if (spec != null && spec.tokensPerChunk() != null) {
            config = config.withTokensPerChunk(spec.tokensPerChunk());
        }
        if (spec != null && spec.autoscaling() != null) {
            config = config.withScaling(policy(spec.autoscaling()).scaled(durationScale));
        }
        if (model != null && !model.isBlank()) {
            config = config.withModelName(model);
        }
        return Simulator.start(config);
    }

    static ScalingPolicy policy(SimulatorAutoscalingSpec s) {
        ScalingMetric metric = s.metricOrDefault().equals(SimulatorAutoscalingSpec.KV_CACHE_USAGE)
                ? ScalingMetric.KV_CACHE_USAGE : ScalingMetric.REQUESTS_WAITING;
        return new ScalingPolicy(s.minReplicasOrDefault(), s.maxReplicasOrDefault(), metric, s.targetOrDefault(),
                s.intervalOrDefault(), s.decisionDelayOrDefault(), s.coldStartOrDefault(),
                s.scaleDownDelayOrDefault());
    }
}
