package io.llmload.runner.cli;

import io.llmload.runner.spec.InvalidManifestException;
import io.llmload.runner.spec.Violation;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Maps every failure to one clear line on stderr and an exit code, in one place. No stack traces for users. */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parseResult) {
        PrintWriter err = cli.getErr();
        if (e instanceof InvalidManifestException invalid) {
            printViolations(err, invalid);
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof UserInputException) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        err.println("internal error: " + e + " (please report this; rerun with LLMLOAD_DEBUG=1 for details)");
        if (System.getenv("LLMLOAD_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.INTERNAL;
    }

    static void printViolations(PrintWriter err, InvalidManifestException invalid) {
        for (Violation v : invalid.violations()) {
            err.println("error: " + v.path() + ": " + v.message());
        }
        err.flush();
    }

    static int onBadParameters(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("error: " + e.getMessage() + " (see: llmload " + e.getCommandLine().getCommandName() + " --help)");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }
}
