package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/** Settings of the built-in simulator when the CLI runs a manifest without a target URL. */
public record SimulatorSpec(
        @JsonPropertyDescription("Simulator profile: tiny (fast, for tests) or demo-8b-h100.") String profile,
        @JsonPropertyDescription("Random seed of the simulator.") Long seed,
        @Min(1)
        @JsonPropertyDescription("Tokens packed into one streamed chunk (default 1), like servers that batch "
                + "several tokens per SSE event.") Integer tokensPerChunk,
        @JsonPropertyDescription("Autoscaling mode: a pool of engines scaled on queue depth or KV-cache usage, with "
                + "replica gauges on /metrics (see spec.autoscaling).") SimulatorAutoscalingSpec autoscaling) {

    public static final int MAX_TOKENS_PER_CHUNK = 64;
}
