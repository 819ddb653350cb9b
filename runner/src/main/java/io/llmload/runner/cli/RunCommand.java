package io.llmload.runner.cli;

import io.llmload.runner.report.DatasetUsage;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.spec.LlmLoadTest;
import java.io.IOException;
import java.io.PrintWriter;
import io.llmload.runner.spec.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmload run FILE}: runs a test here and writes report.json, report.csv and report.html. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run an LlmLoadTest manifest from this machine (no target url: the embedded simulator).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:verdict Pass or Degraded", "1:verdict Breach, or the test was aborted",
            "2:bad input (manifest, flags, files)", "3:internal error" })
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The LlmLoadTest manifest (YAML).")
    Path file;

    @Option(names = "--target", paramLabel = "URL",
            description = "Override spec.target.url; 'embedded' runs against the built-in simulator.")
    String target;

    @Option(names = "--model", paramLabel = "NAME",
            description = "Override spec.target.model. Without a model the server is asked (GET /v1/models) and its "
                    + "only model is used.")
    String model;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write the reports (default ./llmload-results/<name>-<timestamp>/).")
    Path out;

    @Option(names = "--duration-scale", paramLabel = "F", defaultValue = "1",
            description = "Multiply every duration of the plan by F (e.g. 0.1 for a quick smoke run).")
    double durationScale;

    @Option(names = "--scrape-interval", paramLabel = "DURATION",
            description = "How often to read the server's Prometheus metrics during the run (KV cache, queue, GPU); "
                    + "'off' to skip. Overrides spec.target.metrics.interval (default 5s).")
    String scrapeInterval;

    @Option(names = "--quiet", description = "No live progress, only the summary.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (!(durationScale > 0) || durationScale > 100) {
            throw new UserInputException("--duration-scale must be greater than 0 and at most 100");
        }
        LlmLoadTest test = ManifestLoader.load(file, target, model);
        PrintWriter stdout = spec.commandLine().getOut();
        Path dir = out != null ? out : Path.of("llmload-results", test.name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));

        boolean scrapeOff = "off".equals(scrapeInterval);
        Duration scrape = null;
        if (scrapeInterval != null && !scrapeOff) {
            scrape = Durations.parse(scrapeInterval).orElseThrow(() -> new UserInputException(
                    "--scrape-interval: '" + scrapeInterval + "' " + Durations.HINT + ", or off"));
        }
        LocalRun run = new LocalRun(test, durationScale, scrape, scrapeOff, System.getenv(), model != null);
        ConsoleProgress progress = new ConsoleProgress(stdout, refreshingLine(System.console() != null, quiet));
        CountDownLatch written = new CountDownLatch(1);
        // Ctrl-C stops the load but keeps the results: abort, then let the report be written before exiting.
        Thread onInterrupt = new Thread(() -> {
            run.abort("interrupted (Ctrl-C)");
            awaitQuietly(written);
        }, "llmload-shutdown");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            stdout.println("llmload: running " + test.name() + " (" + file + ")");
            stdout.flush();
            Report report = run.run(quiet ? p -> { } : progress, notice -> {
                stdout.println("target: " + notice);
                stdout.flush();
            });
            progress.finish();
            write(report, dir);
            stdout.println();
            SummaryTable.print(report, stdout);
            printSkippedDatasetEntries(report, stdout);
            stdout.println("Reports: " + dir.resolve(ReportFiles.JSON) + " (also report.csv, report.html)");
            stdout.flush();
            return exitCode(report);
        } finally {
            written.countDown();
            removeHook(onInterrupt);
        }
    }

    /** Broken dataset entries were skipped: say so, or the user may never look into report.json. */
    private static void printSkippedDatasetEntries(Report report, PrintWriter out) {
        if (!(report.run().get("datasets") instanceof List<?> datasets)) {
            return;
        }
        for (Object item : datasets) {
            if (item instanceof DatasetUsage usage && usage.skippedEntries() > 0) {
                out.println("Dataset " + usage.requestType() + ": " + usage.skippedEntries() + " broken entr"
                        + (usage.skippedEntries() == 1 ? "y" : "ies") + " skipped, e.g. " + usage.problems().get(0)
                        + " (details in report.json run.datasets)");
            }
        }
    }

    /**
     * One refreshing progress line on a terminal (unless --quiet); log lines on a pipe. Where the reports go (--out)
     * has nothing to do with it.
     */
    static boolean refreshingLine(boolean consoleAttached, boolean quiet) {
        return consoleAttached && !quiet;
    }

    static int exitCode(Report report) {
        boolean failed = "Breach".equals(report.verdict()) || "aborted".equals(report.outcome());
        return failed ? ExitCodes.BREACH : ExitCodes.OK;
    }

    private static void write(Report report, Path dir) {
        try {
            ReportFiles.writeAll(report, dir);
        } catch (IOException e) {
            throw UserInputException.cannotWrite("reports", dir, e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting (Ctrl-C): the hook is running and waits for the reports we just wrote.
        }
    }
}
