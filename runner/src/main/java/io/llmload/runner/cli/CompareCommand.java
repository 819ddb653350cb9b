package io.llmload.runner.cli;

import io.llmload.runner.compare.CompareFiles;
import io.llmload.runner.compare.Comparison;
import io.llmload.runner.compare.ReportComparator;
import io.llmload.runner.report.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmload compare A.json B.json}: two saved reports side by side, B against A. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two report.json files side by side: B against A, overall, per stage and per request "
                + "type, with the change in %% and whether it is better or worse.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:compared (whatever the verdicts)", "2:a file is missing or not a report" })
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "The baseline report.json (or a directory holding one).")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "The report to compare with it.")
    Path b;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write compare.json and compare.html here.")
    Path out;

    @Option(names = "--quiet", description = "Print only the verdicts, capacities and overall numbers.")
    boolean quiet;

    @Override
    public Integer call() {
        Report reportA = ReportLoader.load(a);
        Report reportB = ReportLoader.load(b);
        Comparison comparison = ReportComparator.compare(reportA, a.toString(), reportB, b.toString());
        PrintWriter stdout = spec.commandLine().getOut();
        CompareTable.print(comparison, stdout, !quiet);
        if (out != null) {
            try {
                CompareFiles.writeAll(comparison, reportA, reportB, out);
            } catch (IOException e) {
                throw UserInputException.cannotWrite("the comparison", out, e);
            }
            stdout.println();
            stdout.println("Written: " + out.resolve(CompareFiles.JSON) + " and " + out.resolve(CompareFiles.HTML));
            stdout.flush();
        }
        return ExitCodes.OK;
    }
}
