package io.llmload.operator.rbac;

import java.nio.file.Path;

/** Files of the repository the tests read (config/, crds/, examples/). */
public final class RepoFiles {

    private RepoFiles() {
    }

    /** The repository root: surefire passes crds.dir (the repository's crds/); an IDE runs in operator/. */
    public static Path root() {
        return Path.of(System.getProperty("crds.dir", "../crds")).toAbsolutePath().normalize().getParent();
    }
}
