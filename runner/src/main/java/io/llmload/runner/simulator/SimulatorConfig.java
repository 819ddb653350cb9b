package io.llmload.runner.simulator;

import java.util.Objects;

/**
 * Everything needed to start a {@link Simulator}. Port 0 picks a free port. {@code tokensPerChunk} packs that many
 * tokens into each streamed chunk (1 = one token per SSE event, like vLLM). {@code scaling} switches the autoscaling
 * mode on (a pool of engines, see {@link ScalingPolicy}); null serves from one engine.
 */
public record SimulatorConfig(String host, int port, SimulatorProfile profile, FaultInjection faults, long seed,
        String modelName, int tokensPerChunk, ScalingPolicy scaling) {

    public static final String DEFAULT_MODEL = "llmload-sim";

    public SimulatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(faults, "faults");
        if (modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException("modelName must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (tokensPerChunk < 1) {
            throw new IllegalArgumentException("tokensPerChunk must be at least 1, got " + tokensPerChunk);
        }
    }

    public static SimulatorConfig defaults() {
        return new SimulatorConfig("127.0.0.1", 0, SimulatorProfile.tiny(), FaultInjection.none(), 42, DEFAULT_MODEL,
                1, null);
    }

    public SimulatorConfig withHost(String newHost) {
        return new SimulatorConfig(newHost, port, profile, faults, seed, modelName, tokensPerChunk, scaling);
    }

    public SimulatorConfig withPort(int newPort) {
        return new SimulatorConfig(host, newPort, profile, faults, seed, modelName, tokensPerChunk, scaling);
    }

    public SimulatorConfig withProfile(SimulatorProfile newProfile) {
        return new SimulatorConfig(host, port, newProfile, faults, seed, modelName, tokensPerChunk, scaling);
    }

    public SimulatorConfig withFaults(FaultInjection newFaults) {
        return new SimulatorConfig(host, port, profile, newFaults, seed, modelName, tokensPerChunk, scaling);
    }

    public SimulatorConfig withSeed(long newSeed) {
        return new SimulatorConfig(host, port, profile, faults, newSeed, modelName, tokensPerChunk, scaling);
    }

    public SimulatorConfig withModelName(String newModelName) {
        return new SimulatorConfig(host, port, profile, faults, seed, newModelName, tokensPerChunk, scaling);
    }

    public SimulatorConfig withTokensPerChunk(int newTokensPerChunk) {
        return new SimulatorConfig(host, port, profile, faults, seed, modelName, newTokensPerChunk, scaling);
    }

    public SimulatorConfig withScaling(ScalingPolicy newScaling) {
        return new SimulatorConfig(host, port, profile, faults, seed, modelName, tokensPerChunk, newScaling);
    }
}
