package io.llmload.runner.cli;

import io.llmload.runner.report.Report;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code llmload report report.json}: prints a saved report's summary again; {@code --cluster} fetches a cluster
 * run's report and writes every format locally.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print the summary of a saved report.json, or fetch a cluster run's report (--cluster) and "
                + "write report.json, report.csv and report.html locally.")
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

    @Option(names = "--out", paramLabel = "DIR", description = "Write report.json, report.csv and report.html there "
            + "(with --cluster the default is ./llmload-results/<name>-<run id>/).")
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
        Report report = ReportLoader.load(file);
        SummaryTable.print(report, spec.commandLine().getOut());
        if (out != null) {
            ClusterReports.write(report, ReportLoader.bytes(file), out, spec.commandLine().getOut());
        }
        return RunCommand.exitCode(report);
    }
}
