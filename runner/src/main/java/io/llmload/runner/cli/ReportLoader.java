package io.llmload.runner.cli;

import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a report.json given on the command line, or fails with one line naming the file and the problem. */
final class ReportLoader {

    private ReportLoader() {
    }

    /**
     * @param file a report.json (or report.json.gz, as the operator stores it), or a directory holding one (what
     *     {@code llmload run --out} wrote)
     */
    static Report load(Path file) {
        Path json = resolve(file);
        if (!Files.exists(json)) {
            throw new UserInputException(json + ": no such file");
        }
        Report report;
        try {
            report = ReportFiles.read(json);
        } catch (IOException e) {
            throw new UserInputException(json + ": not an llmload report (" + firstLine(e.getMessage()) + ")");
        }
        if (report == null || report.overall() == null || report.stages() == null) {
            throw new UserInputException(json + ": not an llmload report (no 'overall' and 'stages' sections; "
                    + "give the report.json that llmload run wrote)");
        }
        return report;
    }

    /** The report.json a command-line argument names: the file, or report.json in the directory. */
    static Path resolve(Path file) {
        return Files.isDirectory(file) ? file.resolve(ReportFiles.JSON) : file;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
