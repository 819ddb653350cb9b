package io.llmload.runner.spec;

/** One problem in a manifest: the field's path (spec.load.stages[1].duration) and what to do about it. */
public record Violation(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
