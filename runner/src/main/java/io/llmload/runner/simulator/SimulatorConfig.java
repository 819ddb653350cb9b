package io.llmload.runner.simulator;

import java.util.Objects;

/**
 * Everything needed to start a {@link Simulator}. Port 0 picks a free port. {@code tokensPerChunk} packs that many
 * tokens into each streamed chunk (1 = one token per SSE event, like vLLM). {@code groundTruthCapacity}: how many
 * completed requests the {@link GroundTruth} keeps (oldest dropped first); 0, the default, records nothing — the
 * record is for tests and benchmarks that compare the client with the server, and would only cost memory in a run.
 * {@code scaling} switches the autoscaling mode on (a pool of engines, see {@link ScalingPolicy}); null serves from
 * one engine.
 */
public record SimulatorConfig(String host, int port, SimulatorProfile profile, FaultInjection faults, long seed,
        String modelName, int tokensPerChunk, int groundTruthCapacity, ScalingPolicy scaling) {

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
        if (groundTruthCapacity < 0) {
            throw new IllegalArgumentException("groundTruthCapacity must be 0 (off) or more, got "
                    + groundTruthCapacity);
        }
    }

    /** Ground truth off. */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig("127.0.0.1", 0, SimulatorProfile.tiny(), FaultInjection.none(), 42, DEFAULT_MODEL,
                1, 0, null);
    }

    /** Records the ground truth of the last {@link GroundTruth#DEFAULT_CAPACITY} requests. */
    public SimulatorConfig withGroundTruth() {
        return withGroundTruth(GroundTruth.DEFAULT_CAPACITY);
    }

    /** Records the ground truth of the last {@code capacity} requests (0: none). */
    public SimulatorConfig withGroundTruth(int capacity) {
        return new SimulatorConfig(host, port, profile, faults, seed, modelName, tokensPerChunk, capacity, scaling);
    }

    public SimulatorConfig withHost(String newHost) {
        return new SimulatorConfig(newHost, port, profile, faults, seed, modelName, tokensPerChunk,
                groundTruthCapacity, scaling);
    }

    public SimulatorConfig withPort(int newPort) {
        return new SimulatorConfig(host, newPort, profile, faults, seed, modelName, tokensPerChunk,
                groundTruthCapacity, scaling);
    }

    public SimulatorConfig withProfile(SimulatorProfile newProfile) {
        return new SimulatorConfig(host, port, newProfile, faults, seed, modelName, tokensPerChunk,
                groundTruthCapacity, scaling);
    }

    public SimulatorConfig withFaults(FaultInjection newFaults) {
        return new SimulatorConfig(host, port, profile, newFaults, seed, modelName, tokensPerChunk,
                groundTruthCapacity, scaling);
    }

    public SimulatorConfig withSeed(long newSeed) {
        return new SimulatorConfig(host, port, profile, faults, newSeed, modelName, tokensPerChunk,
                groundTruthCapacity, scaling);
    }

    public SimulatorConfig withModelName(String newModelName) {
        return new SimulatorConfig(host, port, profile, faults, seed, newModelName, tokensPerChunk,
                groundTruthCapacity, scaling);
    }

    public SimulatorConfig withTokensPerChunk(int newTokensPerChunk) {
        return new SimulatorConfig(host, port, profile, faults, seed, modelName, newTokensPerChunk,
                groundTruthCapacity, scaling);
    }

    public SimulatorConfig withScaling(ScalingPolicy newScaling) {
        return new SimulatorConfig(host, port, profile, faults, seed, modelName, tokensPerChunk,
                groundTruthCapacity, newScaling);
    }
}
