package io.llmload.runner.compare;

import io.llmload.runner.report.ReportFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes compare.json and compare.html. */
public final class CompareFiles {

    public static final String JSON = "compare.json";
    public static final String HTML = "compare.html";

    private CompareFiles() {
    }

    public static void writeAll(Comparison comparison, Path dir) throws IOException {
        Files.createDirectories(dir);
        ReportFiles.mapper().writeValue(dir.resolve(JSON).toFile(), comparison);
        Files.writeString(dir.resolve(HTML), CompareHtml.render(comparison));
    }
}
