package io.llmload.runner.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root (examples/, docs/) from the test's working directory. */
public final class RepoFiles {

    private RepoFiles() {
    }

    public static Path root() {
        String configured = System.getProperty("llmload.repo.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found from " + start);
    }
}
