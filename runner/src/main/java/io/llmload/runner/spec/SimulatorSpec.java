package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Settings of the built-in simulator when the CLI runs a manifest without a target URL. */
public record SimulatorSpec(
        @JsonPropertyDescription("Simulator profile: tiny (fast, for tests) or demo-8b-h100.") String profile,
        @JsonPropertyDescription("Random seed of the simulator.") Long seed) {
}
