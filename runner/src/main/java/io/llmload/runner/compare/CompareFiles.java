package io.llmload.runner.compare;

import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.report.chart.ChartOverlay;
import io.llmload.runner.report.chart.ReportCharts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes compare.json and compare.html. */
public final class CompareFiles {

    public static final String JSON = "compare.json";
    public static final String HTML = "compare.html";

    private CompareFiles() {
    }

    /** The comparison of {@code a} and {@code b}; compare.html also overlays their charts. */
    public static void writeAll(Comparison comparison, Report a, Report b, Path dir) throws IOException {
        Files.createDirectories(dir);
        ReportFiles.mapper().writeValue(dir.resolve(JSON).toFile(), comparison);
        Files.writeString(dir.resolve(HTML), CompareHtml.render(comparison,
                ChartOverlay.of(ReportCharts.of(a), ReportCharts.of(b))));
    }
}
