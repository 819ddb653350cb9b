package io.llmload.runner.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code llmload} command line: run, validate, report, compare, simulate, and worker (inside runner pods). */
@Command(name = "llmload", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Load tests for LLM inference services (OpenAI-compatible: vLLM, NIM, ...).",
        subcommands = { RunCommand.class, ValidateCommand.class, ReportCommand.class, CompareCommand.class,
                SimulateCommand.class,
                WorkerCommand.class, CommandLine.HelpCommand.class })
public final class Main {

    static {
        // The tokenizer library (DJL) logs through SLF4J, which the CLI does not bind: without a provider SLF4J
        // prints a three-line warning on stderr at startup. Say explicitly that its messages go nowhere.
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call {@code execute} on it with their own writers. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(ErrorHandler::onBadParameters);
        return cli;
    }
}
