package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** A multi-turn chat session: each turn sends the whole conversation so far plus a new user message. */
public record SessionSpec(
        @JsonPropertyDescription("Turns per session, drawn per session like a token count: {value: 4} or "
                + "{distribution: uniform, min: 2, max: 8}.") DistributionSpec turns,
        @Pattern(SchemaPatterns.DURATION)
        @JsonPropertyDescription("Pause between a reply and the next turn, e.g. 2s (default 0).") String thinkTime) {

    /** Turns are clamped to this: a session's history must stay bounded. */
    public static final int MAX_TURNS = 1000;
}
