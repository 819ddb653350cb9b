package io.llmload.runner.cli;

import io.llmload.runner.compare.CompareFiles;
import io.llmload.runner.compare.Comparison;
import io.llmload.runner.compare.ReportComparator;
import io.llmload.runner.compare.RunFigures;
import io.llmload.runner.regression.Baseline;
import io.llmload.runner.regression.InvalidLimitException;
import io.llmload.runner.regression.Limit;
import io.llmload.runner.regression.LimitParser;
import io.llmload.runner.regression.RegressionJudge;
import io.llmload.runner.regression.RegressionResult;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmload compare A.json B.json [--fail-on LIMITS]}: two saved reports side by side, B against A. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two report.json files side by side: B against A, overall, per stage and per request "
                + "type, with the change in %% and whether it is better or worse.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:compared (whatever the verdicts), no --fail-on limit crossed",
            "1:B regressed against A beyond a --fail-on limit",
            "2:a file is missing or not a report, or --fail-on cannot be read" })
public final class CompareCommand implements Callable<Integer> {

    /** Written beside compare.json with --out when --fail-on is given. */
    static final String REGRESSION_JSON = "regression.json";

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

    @Option(names = "--fail-on", paramLabel = "LIMITS", description = "Exit 1 when B regressed against A beyond "
            + "any of these limits, e.g. 'ttft.p95>+10%%,rps<-5%%,capacity<=-1level' (the syntax of "
            + "spec.regression.limits; see docs/gitops.md).")
    String failOn;

    @Override
    public Integer call() {
        // Read first: a mistyped gate must fail as bad input before anything is compared.
        List<Limit> limits = failOn == null ? null : limits();
        Report reportA = ReportLoader.load(a);
        Report reportB = ReportLoader.load(b);
        Comparison comparison = ReportComparator.compare(reportA, a.toString(), reportB, b.toString());
        PrintWriter stdout = spec.commandLine().getOut();
        CompareTable.print(comparison, stdout, !quiet);
        RegressionResult regression = null;
        if (limits != null) {
            regression = RegressionJudge.judge(limits, Baseline.of("report A (" + reportA.name() + ")",
                    List.of(a.toString()), RunFigures.of(reportA)), RunFigures.of(reportB));
            RegressionTable.print(regression, stdout);
        }
        if (out != null) {
            try {
                CompareFiles.writeAll(comparison, reportA, reportB, out);
                if (regression != null) {
                    ReportFiles.mapper().writeValue(out.resolve(REGRESSION_JSON).toFile(), regression);
                }
            } catch (IOException e) {
                throw UserInputException.cannotWrite("the comparison", out, e);
            }
            stdout.println();
            stdout.println("Written: " + out.resolve(CompareFiles.JSON) + " and " + out.resolve(CompareFiles.HTML)
                    + (regression == null ? "" : " and " + out.resolve(REGRESSION_JSON)));
            stdout.flush();
        }
        return regression != null && regression.regressed() ? ExitCodes.BREACH : ExitCodes.OK;
    }

    private List<Limit> limits() {
        try {
            return LimitParser.parseList(failOn);
        } catch (InvalidLimitException e) {
            throw new UserInputException("--fail-on: " + e.getMessage());
        }
    }
}
