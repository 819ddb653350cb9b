package io.llmload.runner.worker;

import io.llmload.runner.engine.LoadEngine;
import io.llmload.runner.report.RunData;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a runner runs between the start signal and the end: the plan's one engine run ({@link #of(LoadEngine)}), or
 * a capacity search's probes as the operator commands them ({@link ProbeSequence}). {@link WorkerEngine} drives
 * either the same way, so phases, progress, results and aborts work alike on both.
 */
interface WorkerRun {

    /**
     * Starts now; the future completes with the results when the run ended.
     *
     * @param idleDeadlineEpochMillis a run that waits for commands gives up waiting at this time (null: its own
     *     bound); a plain engine run ignores it
     */
    CompletableFuture<RunData> start(Long idleDeadlineEpochMillis);

    /** Stops all load now; the run returns what it measured, marked aborted. */
    void abort(String reason);

    /** The results so far (or the final ones). */
    CompletableFuture<RunData> snapshot();

    /** What changed since a cursor (see {@link LoadEngine#changesSince}); a negative next interval means "full". */
    CompletableFuture<LoadEngine.Changes> changesSince(int sinceInterval);

    /** The probes commanded so far (null: not a search). */
    default List<ProbeState> probes() {
        return null;
    }

    /** Takes a probe command (see {@link ProbeCommand}); only a search takes them. */
    default ProbeCommand.Outcome command(ProbeCommand command) {
        return ProbeCommand.Outcome.conflict("not a capacity search: this runner's plan has no probes");
    }

    void close();

    /** The plan's single engine run. */
    static WorkerRun of(LoadEngine engine) {
        return new WorkerRun() {
            @Override
            public CompletableFuture<RunData> start(Long idleDeadlineEpochMillis) {
                return engine.start();
            }

            @Override
            public void abort(String reason) {
                engine.abort(reason);
            }

            @Override
            public CompletableFuture<RunData> snapshot() {
                return engine.snapshot();
            }

            @Override
            public CompletableFuture<LoadEngine.Changes> changesSince(int sinceInterval) {
                return engine.changesSince(sinceInterval);
            }

            @Override
            public void close() {
                engine.close();
            }
        };
    }
}
