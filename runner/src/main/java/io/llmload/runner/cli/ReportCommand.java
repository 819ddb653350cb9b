package io.llmload.runner.cli;

import io.llmload.runner.report.Report;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmload report report.json}: prints a saved report's summary again. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Print the summary of a saved report.json.")
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REPORT", description = "A report.json written by llmload run (or a directory holding one).")
    Path file;

    @Override
    public Integer call() {
        Report report = ReportLoader.load(file);
        SummaryTable.print(report, spec.commandLine().getOut());
        return RunCommand.exitCode(report);
    }
}
