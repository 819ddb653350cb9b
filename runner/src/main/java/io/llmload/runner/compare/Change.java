package io.llmload.runner.compare;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether B is better or worse than A for one metric (compare.json writes it in lower case). */
public enum Change {
    BETTER,
    WORSE,
    /** Within {@link Direction#NOISE_PERCENT} of each other. */
    SAME;

    @JsonValue
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
