package io.llmload.runner.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A manifest that cannot run; carries every violation so the user fixes them in one go. */
public final class InvalidManifestException extends Exception {

    private final transient List<Violation> violations;

    public InvalidManifestException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public InvalidManifestException(String path, String message) {
        this(List.of(new Violation(path, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
