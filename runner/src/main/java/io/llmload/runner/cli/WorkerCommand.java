package io.llmload.runner.cli;

import io.llmload.runner.spec.Durations;
import io.llmload.runner.target.TargetSetupException;
import io.llmload.runner.worker.ControlToken;
import io.llmload.runner.worker.Worker;
import io.llmload.runner.worker.WorkerExit;
import io.llmload.runner.worker.WorkerPlan;
import io.llmload.runner.worker.WorkerStatus;
import io.llmload.runner.workload.TokenizerException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code llmload worker}: what each runner pod of the operator's indexed Job runs. Loads the plan, serves the
 * control endpoint, runs this runner's share of the load when the operator says start, and exits once released.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run one runner of an operator-managed test: serve the control endpoint (ready, start, "
                + "progress, result, abort, release) and send this runner's share of the load when told to start.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:released by the operator, or the results were kept until their deadline",
            "1:the run never started (no start signal by the plan's start deadline, or aborted before the start)",
            "2:bad plan file, index, token file or flags", "3:internal error" })
public final class WorkerCommand implements Callable<Integer> {

    static final String INDEX_ENV = "JOB_COMPLETION_INDEX";
    static final String API_KEY_ENV = "LLMLOAD_API_KEY";
    /** Where the operator mounts the test's control token (a Secret volume; never an environment variable). */
    public static final String DEFAULT_TOKEN_FILE = "/var/run/llmload/control/token";

    @Spec
    CommandSpec spec;

    @Option(names = "--plan", paramLabel = "FILE", defaultValue = "/etc/llmload/plan.json",
            description = "The plan the operator wrote (default ${DEFAULT-VALUE}).")
    Path planFile;

    @Option(names = "--index", paramLabel = "N",
            description = "This runner's index (default: $" + INDEX_ENV + ", else 0).")
    Integer index;

    @Option(names = "--bind", paramLabel = "HOST", defaultValue = "0.0.0.0",
            description = "Address of the control endpoint (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--token-file", paramLabel = "FILE", defaultValue = DEFAULT_TOKEN_FILE,
            description = "The test's control token: every control call must carry it as a bearer token "
                    + "(default ${DEFAULT-VALUE}, mounted by the operator).")
    Path tokenFile;

    @Option(names = "--linger", paramLabel = "DURATION", defaultValue = "10m",
            description = "After the run ended, exit anyway when nobody released this worker and the start "
                    + "signal did not say until when to keep the results (default ${DEFAULT-VALUE}).")
    String linger;

    @Option(names = "--termination-log", paramLabel = "FILE", defaultValue = "/dev/termination-log",
            description = "Where to write why the worker failed, for the pod's status (default ${DEFAULT-VALUE}; "
                    + "skipped when it cannot be written).")
    Path terminationLog;

    @Override
    public Integer call() throws InterruptedException {
        Duration lingerFor = Durations.parse(linger).orElseThrow(() ->
                new UserInputException("--linger: '" + linger + "' " + Durations.HINT));
        int runnerIndex = runnerIndex();
        WorkerPlan plan = readPlan();
        Worker worker;
        try {
            // The API key comes from the environment only (the operator injects it from the Secret).
            worker = new Worker(plan, runnerIndex, System.getenv(API_KEY_ENV), bind, lingerFor);
        } catch (IllegalArgumentException e) {
            // The target (TLS files, header variables, model discovery) or the plan itself.
            boolean notThePlan = e.getCause() instanceof TargetSetupException || e instanceof TokenizerException;
            throw new UserInputException(notThePlan ? e.getMessage() : planFile + ": " + e.getMessage());
        }
        worker.requireToken(readToken());
        PrintWriter out = spec.commandLine().getOut();
        String who = plan.testName() + " runner " + runnerIndex + "/" + plan.runners();
        worker.onPhaseChange(status -> log(out, who, status));
        // Job deletion (SIGTERM): stop the load at once, then let the JVM exit.
        Thread onTerm = new Thread(worker::close, "llmload-worker-shutdown");
        Runtime.getRuntime().addShutdownHook(onTerm);
        try {
            int port;
            try {
                port = worker.start();
            } catch (IllegalStateException e) {
                throw new UserInputException(e.getMessage());
            }
            line(out, who + ": control endpoint on " + bind + ":" + port);
            WorkerExit exit = worker.released().get();
            line(out, who + ": " + exit.reason() + "; exiting");
            if (exit.code() != WorkerExit.OK) {
                writeTerminationMessage(exit.reason());
            }
            return exit.code();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            worker.close();
            removeHook(onTerm);
        }
    }

    private int runnerIndex() {
        if (index != null) {
            return index;
        }
        String fromEnv = System.getenv(INDEX_ENV);
        if (fromEnv == null || fromEnv.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(fromEnv.trim());
        } catch (NumberFormatException e) {
            throw new UserInputException(INDEX_ENV + ": '" + fromEnv + "' is not a runner index (a whole number)");
        }
    }

    private WorkerPlan readPlan() {
        try {
            return WorkerPlan.read(planFile);
        } catch (NoSuchFileException e) {
            throw new UserInputException(planFile + ": file not found");
        } catch (IOException e) {
            throw new UserInputException(planFile + ": cannot read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UserInputException(planFile + ": " + e.getMessage());
        }
    }

    /** Kubernetes shows this file's content as the container's termination message (best effort). */
    private void writeTerminationMessage(String reason) {
        try {
            if (terminationLog != null && Files.isWritable(terminationLog)) {
                Files.writeString(terminationLog, reason);
            }
        } catch (IOException | RuntimeException e) {
            // Not in a pod, or not writable: the log line above says the same.
        }
    }

    /** Never optional: a runner without its token would take orders from anyone who can reach its port. */
    private ControlToken readToken() {
        try {
            return ControlToken.read(tokenFile);
        } catch (NoSuchFileException e) {
            throw new UserInputException("--token-file: " + tokenFile + " not found: runners accept control calls "
                    + "only with their test's token (the operator mounts it from the Secret <test>-runner-token)");
        } catch (IOException e) {
            throw new UserInputException("--token-file: cannot read " + tokenFile + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--token-file: " + tokenFile + ": " + e.getMessage());
        }
    }

    private static void log(PrintWriter out, String who, WorkerStatus status) {
        line(out, who + ": " + status.phase() + (status.message() == null ? "" : " - " + status.message()));
    }

    private static void line(PrintWriter out, String text) {
        out.println(Instant.now() + " " + text);
        out.flush();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // SIGTERM: the hook is running (it aborts the engine and closes the worker).
        }
    }
}
