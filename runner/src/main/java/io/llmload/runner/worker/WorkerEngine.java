package io.llmload.runner.worker;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.report.RunData;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One runner's engine and the phase it is in. All transitions happen under this object's lock, so HTTP handlers,
 * the start timer and the engine's completion can race freely. The worker starts the engine itself when the agreed
 * start time comes (rather than handing the time to the engine) so that an abort during the wait is final: the
 * engine is then aborted without ever having started. A runner never told to start gives up at the plan's start
 * deadline the same way (aborted before the start), so a test whose operator is gone still ends.
 */
final class WorkerEngine {

    /** How long {@link #close()} waits for an abort to settle: the design's "all runners stop within 5 s". */
    static final long STOP_TIMEOUT_MS = 5_000;

    enum StartOutcome { ACCEPTED, UNCHANGED, CONFLICT }

    record StartResult(StartOutcome outcome, String message, WorkerStatus status) {
    }

    private final WorkerRun engine;
    private final int index;
    private final int runners;
    private final UnaryOperator<String> redact;
    private final Consumer<WorkerStatus> listener;
    private final ScheduledExecutorService timer;
    private final CompletableFuture<WorkerStatus> ended = new CompletableFuture<>();
    /** Tells this engine's progress cursors from another runner's (or an earlier pod's) in the same test. */
    private final String runId = Long.toHexString(ThreadLocalRandom.current().nextLong());

    private WorkerPhase phase = WorkerPhase.READY;
    private String message = "waiting for the start signal";
    private Long startAt;
    private Long keepResultsUntil;
    private ScheduledFuture<?> pendingStart;
    private String abortReason;
    private RunData finalData;
    private boolean everRan;
    private boolean closed;

    /**
     * @param startDeadlineEpochMillis when a runner still waiting for its start signal gives up (aborts itself, so
     *     it can exit): the operator is gone or never got every runner ready; null: wait forever
     * @param redact applied to every message that leaves this class (engine failures could quote the target)
     * @param listener sees every phase change, under the lock and in order: must return quickly
     */
    WorkerEngine(WorkerRun engine, int index, int runners, Long startDeadlineEpochMillis, UnaryOperator<String> redact,
            Consumer<WorkerStatus> listener) {
        this.engine = engine;
        this.index = index;
        this.runners = runners;
        this.redact = redact;
        this.listener = listener;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "llmload-worker-" + index + "-start");
            t.setDaemon(true);
            return t;
        });
        if (startDeadlineEpochMillis != null) {
            String reason = "no start signal by " + Instant.ofEpochMilli(startDeadlineEpochMillis)
                    + " (the plan's start deadline)";
            timer.schedule(() -> abortIfNotStarted(reason),
                    Math.max(0, startDeadlineEpochMillis - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        }
    }

    synchronized WorkerStatus status() {
        return new WorkerStatus(phase, index, runners, startAt, message);
    }

    /** Completes with the final status once the run ended (FINISHED, ABORTED or FAILED). */
    CompletableFuture<WorkerStatus> ended() {
        return ended;
    }

    /**
     * Accepts a start time once; the same time again is a no-op, another one a conflict. Past times start now.
     *
     * @param keepResultsUntilEpochMillis until when a finished run's results are kept for collection (null: the
     *     worker's default); a repeated start may set it when the first one did not
     */
    synchronized StartResult start(long startAtEpochMillis, Long keepResultsUntilEpochMillis) {
        if (phase == WorkerPhase.READY && abortReason == null && !closed) {
            startAt = startAtEpochMillis;
            keepResultsUntil = keepResultsUntilEpochMillis;
            long delay = Math.max(0, startAtEpochMillis - System.currentTimeMillis());
            change(WorkerPhase.SCHEDULED, "starts at " + Instant.ofEpochMilli(startAtEpochMillis));
            pendingStart = timer.schedule(this::launch, delay, TimeUnit.MILLISECONDS);
            return new StartResult(StartOutcome.ACCEPTED, null, status());
        }
        if (startAt != null && startAt == startAtEpochMillis) {
            if (keepResultsUntil == null) {
                keepResultsUntil = keepResultsUntilEpochMillis;
            }
            return new StartResult(StartOutcome.UNCHANGED, null, status());
        }
        String why = startAt != null
                ? "another start time was already accepted: startAtEpochMillis " + startAt + " ("
                        + Instant.ofEpochMilli(startAt) + ")"
                : "cannot start: " + (abortReason != null ? "aborted before the start (" + abortReason + ")"
                        : "the worker is " + phase);
        return new StartResult(StartOutcome.CONFLICT, why, status());
    }

    private void launch() {
        CompletableFuture<RunData> run;
        synchronized (this) {
            if (phase != WorkerPhase.SCHEDULED || abortReason != null) {
                return; // aborted while waiting
            }
            change(WorkerPhase.RUNNING, "running");
            everRan = true;
            // A search's runner waits for probe commands until the results' keep-time at most: never forever.
            run = engine.start(keepResultsUntil);
        }
        run.whenComplete(this::onEnded);
    }

    /**
     * Stops the run: the engine stops sending and cuts in-flight requests at once. Before the start the engine is
     * aborted without starting (the result is then empty, marked aborted). After the end it is a no-op.
     *
     * @return the status once the engine returned
     */
    CompletableFuture<WorkerStatus> abort(String reason) {
        boolean started;
        synchronized (this) {
            if (phase.ended() || abortReason != null) {
                return ended;
            }
            abortReason = reason;
            started = phase == WorkerPhase.RUNNING;
            if (pendingStart != null) {
                pendingStart.cancel(false);
            }
            // launch() checks abortReason under this lock: from here on it cannot start the engine.
            message = redact.apply("aborting: " + reason);
        }
        engine.abort(reason);
        if (!started) {
            // Never started: the engine's abort completes its result on its event loop, and a snapshot queued after
            // it is that aborted (empty) result.
            engine.snapshot().whenComplete(this::onEnded);
        }
        return ended;
    }

    /**
     * The cumulative data so far (zero counts before the start; the final numbers once ended): every cell, or with
     * a cursor this engine issued only the cells changed since (see {@link WorkerProgress}).
     */
    CompletableFuture<WorkerProgress> progress(String since) {
        synchronized (this) {
            if (phase == WorkerPhase.FAILED) {
                return CompletableFuture.failedFuture(new IllegalStateException(message));
            }
        }
        int sinceInterval = interval(since);
        // A search's probe states are read before its data: a probe reported done is then complete in the data
        // (it becomes done and joins the data in one step), never judged on a snapshot taken while it still ran.
        List<ProbeState> probes = engine.probes();
        return engine.changesSince(sinceInterval).thenApply(changes -> new WorkerProgress(status().phase(), index,
                runId + ":" + changes.nextInterval(), sinceInterval < 0, changes.data(), probes));
    }

    /** The interval a cursor of this engine names; -1 (everything) for none, a malformed one or another's. */
    private int interval(String cursor) {
        if (cursor == null || !cursor.startsWith(runId + ":")) {
            return -1;
        }
        try {
            return Math.max(-1, Integer.parseInt(cursor.substring(runId.length() + 1)));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A capacity search's probes as commanded so far, with their states (null: not a search). */
    List<ProbeState> probes() {
        return engine.probes();
    }

    /** A capacity search's probe command (see {@link ProbeCommand}): only while the run goes on. */
    ProbeCommand.Outcome command(ProbeCommand command) {
        synchronized (this) {
            // From the accepted start on: the first probe is usually commanded for the run's own start time.
            if (phase == WorkerPhase.READY || phase.ended() && !Boolean.TRUE.equals(command.finish())) {
                return ProbeCommand.Outcome.conflict("no probes now: the worker is " + phase
                        + (phase == WorkerPhase.READY ? " (probes come after POST /v1/start)" : ""));
            }
        }
        return engine.command(command);
    }

    /** Until when a finished run's results are kept, as the operator said at the start (null: not said). */
    synchronized Long keepResultsUntil() {
        return keepResultsUntil;
    }

    /** True when the run ended without ever having started (aborted while waiting: nothing was measured). */
    synchronized boolean endedBeforeStart() {
        return ended.isDone() && !everRan;
    }

    /** The start deadline passed: a runner never told to start stops waiting, so the pod can exit. */
    private void abortIfNotStarted(String reason) {
        synchronized (this) {
            if (phase != WorkerPhase.READY || abortReason != null || closed) {
                return;
            }
        }
        abort(reason);
    }

    /** The final data once FINISHED or ABORTED. */
    synchronized Optional<RunData> result() {
        return Optional.ofNullable(finalData);
    }

    private void onEnded(RunData data, Throwable error) {
        WorkerStatus status;
        synchronized (this) {
            if (ended.isDone()) {
                return;
            }
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                change(WorkerPhase.FAILED, "run failed: " + cause.getMessage());
            } else {
                finalData = data;
                if (data.aborted()) {
                    change(WorkerPhase.ABORTED, "aborted: " + data.abortReason());
                } else {
                    change(WorkerPhase.FINISHED, "finished: " + requests(data) + " requests");
                }
            }
            status = status();
        }
        ended.complete(status);
    }

    /** Aborts a run that did not end (reason: the worker is shutting down), waits briefly, frees the engine. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            abort("runner shutting down").get(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Best effort: the engine's event loop is closed next anyway.
        }
        timer.shutdownNow();
        engine.close();
    }

    private void change(WorkerPhase next, String text) {
        phase = next;
        message = text == null ? null : redact.apply(text);
        listener.accept(status());
    }

    static long requests(RunData data) {
        return data.cells().stream().mapToLong(CellData::requests).sum();
    }
}
