package io.llmload.runner.cli;

import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code llmload report report.json [--html] [--csv] [--out DIR]}: prints a saved report's summary again, and
 * renders it again in any format — also reports written by older llmload versions, whose missing fields are left out.
 * {@code --cluster [NAMESPACE/]NAME [--run ID]} fetches a cluster run's report and writes every format locally.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print the summary of a saved report.json, and write its other formats again (report.html, "
                + "report.csv) with this version's renderers; or fetch a cluster run's report (--cluster) and write "
                + "every format locally.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:the report's verdict is Pass or Degraded", "1:verdict Breach, or the run was aborted",
            "2:the file is missing or not a report, or DIR cannot be written" })
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REPORT", arity = "0..1",
            description = "A report.json written by llmload run (or a directory holding one), or a report.json.gz.")
    Path file;

    @Option(names = "--cluster", paramLabel = "[NAMESPACE/]NAME", description = "Fetch the report of the "
            + "LlmLoadTest NAME (in NAMESPACE, else your kubeconfig's namespace) with your kubeconfig, also after "
            + "the test was deleted with spec.report.retainAfterDelete.")
    String cluster;

    @Option(names = "--run", paramLabel = "ID", description = "With --cluster: a run id from status.history "
            + "(default: the latest run).")
    String run;

    @Option(names = "--html", description = "Write report.html (self-contained, with charts).")
    boolean html;

    @Option(names = "--csv", description = "Write report.csv.")
    boolean csv;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write (default: beside REPORT). Without "
            + "--html or --csv, every format is written there: report.json (copied as it is), report.csv, report.html. "
            + "With --cluster the default is ./llmload-results/<name>-<run id>/.")
    Path out;

    @Override
    public Integer call() {
        if ((file == null) == (cluster == null)) {
            throw new UserInputException("give a report file or --cluster [NAMESPACE/]NAME (not both)");
        }
        if (cluster == null && run != null) {
            throw new UserInputException("--run applies to --cluster");
        }
        if (cluster != null) {
            return ClusterReports.fetchAndRender(cluster, run, out, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
        Path json = ReportLoader.resolve(file);
        Report report = ReportLoader.load(file);
        PrintWriter stdout = spec.commandLine().getOut();
        SummaryTable.print(report, stdout);
        if (html || csv || out != null) {
            List<Path> written = write(report, json);
            stdout.println();
            written.forEach(p -> stdout.println("Written: " + p));
        }
        stdout.flush();
        return RunCommand.exitCode(report);
    }

    private List<Path> write(Report report, Path json) {
        Path parent = json.toAbsolutePath().getParent();
        Path dir = out != null ? out : parent;
        boolean all = !html && !csv;
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            Path copy = dir.resolve(ReportFiles.JSON);
            if (all && !(Files.exists(copy) && Files.isSameFile(copy, json))) {
                // A copy, not a rewrite: fields this version does not know (a newer writer's) are kept; a
                // gzip-compressed report (the operator's) is copied decompressed.
                Files.write(copy, ReportFiles.json(Files.readAllBytes(json)));
                written.add(copy);
            }
            if (all || csv) {
                written.add(ReportFiles.writeCsv(report, dir));
            }
            if (all || html) {
                written.add(ReportFiles.writeHtml(report, dir));
            }
        } catch (IOException e) {
            throw UserInputException.cannotWrite("reports", dir, e);
        }
        return written;
    }
}
