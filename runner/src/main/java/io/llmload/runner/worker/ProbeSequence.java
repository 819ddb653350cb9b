package io.llmload.runner.worker;

import io.llmload.runner.capacity.ProbeRuns;
import io.llmload.runner.engine.EngineConfig;
import io.llmload.runner.engine.LoadEngine;
import io.llmload.runner.plan.LoadModel;
import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.plan.SearchPlan;
import io.llmload.runner.report.RunData;
import io.llmload.runner.spec.TargetSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A runner's part of a capacity search run by the operator: once it accepted the start signal it takes probe
 * commands ({@link ProbeCommand}), the first one usually for the run's start time; each probe is the CLI's probe
 * plan ({@link SearchPlan#probe}: warmup, one flat stage at the level, graceful stop) run by a fresh engine at the
 * commanded common start time, this runner producing its share of the level exactly as for any stage
 * ({@code RunnerShare}). A finished probe is reported {@code done} in the progress
 * and the runner waits for the next command; {@code finish} ends the run with every probe as a stage (the CLI's
 * {@link ProbeRuns#concat}). Between probes nothing runs; a runner left waiting past the idle deadline (the run's,
 * from the start signal) aborts itself, so it never hangs when the operator is gone.
 *
 * <p>Every transition happens under this object's lock; engines complete on their own threads.
 */
final class ProbeSequence implements WorkerRun {

    /** Without a deadline from the start signal: the whole budget twice, and ten minutes more. */
    private static final long FALLBACK_IDLE_MARGIN_MS = 600_000;

    private final EngineConfig base;
    private final SearchPlan search;
    private final TargetSpec targetSpec;
    private final ScheduledExecutorService timer;
    private final CompletableFuture<RunData> result = new CompletableFuture<>();
    private final List<RunData> done = new ArrayList<>();
    private final Map<String, ProbeState> states = new LinkedHashMap<>();

    private long idleDeadline;
    private ScheduledFuture<?> idleTimer;
    private Current current;
    private boolean finishing;
    private String runAbortReason;

    /** The probe under way: commanded, perhaps not launched yet. */
    private static final class Current {
        final ProbeState commanded;
        final LoadEngine engine;
        ScheduledFuture<?> launch;
        boolean launched;

        Current(ProbeState commanded, LoadEngine engine) {
            this.commanded = commanded;
            this.engine = engine;
        }
    }

    /**
     * @param base this runner's engine configuration (target, workload, share, seed, guardrails, goodput, live
     *     meters); each probe runs it with the probe's plan
     */
    ProbeSequence(EngineConfig base, SearchPlan search, TargetSpec targetSpec, int index) {
        this.base = base;
        this.search = search;
        this.targetSpec = targetSpec;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "llmload-worker-" + index + "-probes");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public synchronized CompletableFuture<RunData> start(Long idleDeadlineEpochMillis) {
        idleDeadline = idleDeadlineEpochMillis != null ? idleDeadlineEpochMillis
                : System.currentTimeMillis() + 2 * search.maxPlannedDuration().toMillis() + FALLBACK_IDLE_MARGIN_MS;
        if (current == null && !result.isDone()) {
            armIdle(); // a probe under way re-arms it when it ends
        }
        return result;
    }

    @Override
    public synchronized List<ProbeState> probes() {
        return List.copyOf(states.values());
    }

    @Override
    public synchronized ProbeCommand.Outcome command(ProbeCommand command) {
        String problem = command.problem();
        if (problem != null) {
            return ProbeCommand.Outcome.conflict(problem);
        }
        boolean finish = Boolean.TRUE.equals(command.finish());
        if (result.isDone() || runAbortReason != null) {
            return finish ? ProbeCommand.Outcome.ok()
                    : ProbeCommand.Outcome.conflict("the run is over: no more probes");
        }
        if (finish) {
            finishing = true;
            if (current == null) {
                complete();
            } else {
                abortCurrent("the search finished");
            }
            return ProbeCommand.Outcome.ok();
        }
        ProbeState known = states.get(command.stage());
        if (command.abort() != null) {
            if (known == null) {
                return ProbeCommand.Outcome.conflict("no probe " + command.stage() + " to abort");
            }
            if (current != null && current.commanded.stage().equals(command.stage())) {
                abortCurrent(command.abort());
            }
            return ProbeCommand.Outcome.ok(); // a probe that ended already stays as it ended
        }
        if (known != null) {
            return known.level() == command.level() && known.startAtEpochMillis() == command.startAtEpochMillis()
                    ? ProbeCommand.Outcome.ok()
                    : ProbeCommand.Outcome.conflict("probe " + command.stage() + " was already commanded at level "
                            + known.level() + ", start " + Instant.ofEpochMilli(known.startAtEpochMillis()));
        }
        if (current != null) {
            return ProbeCommand.Outcome.conflict("probe " + current.commanded.stage() + " is under way: wait until "
                    + "it is done");
        }
        return schedule(command);
    }

    private ProbeCommand.Outcome schedule(ProbeCommand command) {
        LoadPlan plan = search.probe(command.stage(), command.level());
        LoadEngine engine;
        try {
            engine = new LoadEngine(base.withPlan(plan, base.target().withConnectionsFor(targetSpec, plan)));
        } catch (RuntimeException e) {
            return ProbeCommand.Outcome.conflict("cannot run probe " + command.stage() + ": " + e.getMessage());
        }
        double share = search.model() == LoadModel.CLOSED ? base.share().users((int) Math.round(command.level()))
                : base.share().rate(command.level());
        ProbeState state = new ProbeState(command.stage(), command.level(), share, command.startAtEpochMillis(),
                ProbeState.SCHEDULED, null);
        states.put(state.stage(), state);
        current = new Current(state, engine);
        cancelIdle();
        Current probe = current;
        long delay = Math.max(0, command.startAtEpochMillis() - System.currentTimeMillis());
        probe.launch = timer.schedule(() -> launch(probe), delay, TimeUnit.MILLISECONDS);
        return ProbeCommand.Outcome.ok();
    }

    private void launch(Current probe) {
        CompletableFuture<RunData> run;
        synchronized (this) {
            if (current != probe || probe.launched) {
                return;
            }
            probe.launched = true;
            states.put(probe.commanded.stage(), withState(probe.commanded, ProbeState.RUNNING, null));
            run = probe.engine.start();
        }
        run.whenComplete((data, error) -> ended(probe, data, error));
    }

    /** Aborts the probe under way; launched or not, it ends through {@link #ended} with what it measured. */
    private void abortCurrent(String reason) {
        Current probe = current;
        if (!probe.launched) {
            probe.launch.cancel(false);
            probe.launched = true; // never launched now: the aborted engine's (empty) result ends it
            probe.engine.abort(reason);
            probe.engine.snapshot().whenComplete((data, error) -> ended(probe, data, error));
        } else {
            probe.engine.abort(reason);
        }
    }

    private void ended(Current probe, RunData data, Throwable error) {
        closeLater(probe.engine);
        synchronized (this) {
            if (current != probe) {
                return;
            }
            current = null;
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            done.add(data);
            states.put(probe.commanded.stage(), withState(probe.commanded, ProbeState.DONE,
                    data.aborted() ? data.abortReason() : null));
            if (runAbortReason != null || finishing) {
                complete();
            } else {
                armIdle();
            }
        }
    }

    /** Ends the whole run: every probe done becomes a stage; aborted when the run (not a probe) was aborted. */
    private void complete() {
        cancelIdle();
        if (!done.isEmpty()) {
            result.complete(ProbeRuns.concat(base.name(), List.copyOf(done), runAbortReason));
            return;
        }
        // No probe ran: the result is the first probe's plan, aborted before it started (nothing measured).
        LoadEngine empty = new LoadEngine(base);
        empty.abort(runAbortReason != null ? runAbortReason : "the search finished before its first probe");
        empty.snapshot().whenComplete((data, error) -> {
            closeLater(empty);
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(data);
            }
        });
    }

    @Override
    public synchronized void abort(String reason) {
        if (result.isDone() || runAbortReason != null) {
            return;
        }
        runAbortReason = reason;
        if (current == null) {
            complete();
        } else {
            abortCurrent(reason);
        }
    }

    @Override
    public CompletableFuture<RunData> snapshot() {
        List<RunData> sofar;
        LoadEngine live;
        synchronized (this) {
            if (result.isDone() || runAbortReason != null || finishing) {
                return result; // ending: the final data follows in moments
            }
            sofar = List.copyOf(done);
            live = current != null && current.launched ? current.engine : null;
        }
        if (live == null) {
            return CompletableFuture.completedFuture(sofar.isEmpty() ? nothingYet() : concat(sofar));
        }
        return live.snapshot().thenApply(now -> {
            List<RunData> all = new ArrayList<>(sofar);
            all.add(now);
            return concat(all);
        });
    }

    /** Always every cell (the probes' cells are few and encoded once): the cursor's next interval is -1, "full". */
    @Override
    public CompletableFuture<LoadEngine.Changes> changesSince(int sinceInterval) {
        return snapshot().thenApply(data -> new LoadEngine.Changes(-1, data));
    }

    @Override
    public void close() {
        abort("runner shutting down");
        timer.shutdown();
    }

    /** Closes a probe's engine off its own threads (it cannot close its own loops), also once this is closed. */
    private void closeLater(LoadEngine engine) {
        try {
            timer.execute(engine::close);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            new Thread(engine::close, "llmload-probe-close").start();
        }
    }

    private RunData concat(List<RunData> probes) {
        return ProbeRuns.concat(base.name(), probes, null);
    }

    /** Before the first probe starts: no stage, no cell. */
    private RunData nothingYet() {
        String now = Instant.now().toString();
        return new RunData(base.name(), now, now, search.model().name().toLowerCase(java.util.Locale.ROOT),
                search.model().levelUnit(), base.target().label(), base.target().model(), 1, List.of(), List.of(),
                List.of(), List.of(), false, null);
    }

    private void armIdle() {
        cancelIdle();
        if (idleDeadline == 0) {
            return; // not started yet: the start deadline guards the wait for the start signal
        }
        long delay = Math.max(0, idleDeadline - System.currentTimeMillis());
        String reason = "no probe command by " + Instant.ofEpochMilli(idleDeadline)
                + " (the run's deadline): the operator is gone";
        idleTimer = timer.schedule(() -> idleExpired(reason), delay, TimeUnit.MILLISECONDS);
    }

    private synchronized void idleExpired(String reason) {
        if (current == null && !result.isDone()) {
            abort(reason);
        }
    }

    private void cancelIdle() {
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
    }

    private static ProbeState withState(ProbeState s, String state, String abortReason) {
        return new ProbeState(s.stage(), s.level(), s.share(), s.startAtEpochMillis(), state, abortReason);
    }
}
