package io.llmload.runner.spec;

/**
 * Patterns the CRD schema enforces on manifest strings (the same syntax {@link Durations} and {@link Ratios}
 * accept), so {@code kubectl apply} rejects a malformed value at once. The validator still checks their meaning.
 */
public final class SchemaPatterns {

    public static final String DURATION = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";
    public static final String RATIO = "^[0-9]*\\.?[0-9]+%?$";

    private SchemaPatterns() {
    }
}
