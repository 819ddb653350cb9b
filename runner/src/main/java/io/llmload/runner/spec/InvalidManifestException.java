package io.llmload.runner.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A manifest that cannot run; carries every violation so the user fixes them in one go. When the manifest could be
 * read despite its problems (unknown fields skipped, wrong values left empty), {@link #partial()} holds what was
 * read, so that the meaning checks can still run on it and report their problems in the same go.
 */
public final class InvalidManifestException extends Exception {

    private final transient List<Violation> violations;
    private final transient LlmLoadTest partial;

    public InvalidManifestException(List<Violation> violations) {
        this(violations, null);
    }

    public InvalidManifestException(List<Violation> violations, LlmLoadTest partial) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
        this.partial = partial;
    }

    public InvalidManifestException(String path, String message) {
        this(List.of(new Violation(path, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    /** What could be read despite the violations (null: nothing usable). */
    public LlmLoadTest partial() {
        return partial;
    }
}
