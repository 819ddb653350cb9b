package io.llmload.runner.engine;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.MetricsCollector;
import io.llmload.runner.plan.FireTimeSequence;
import io.llmload.runner.plan.LoadModel;
import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.plan.PlannedStage;
import io.llmload.runner.report.DatasetUsage;
import io.llmload.runner.report.IntervalCell;
import io.llmload.runner.report.RunData;
import io.llmload.runner.report.StageInfo;
import io.llmload.runner.report.TimelinePoint;
import io.llmload.runner.workload.RequestFactory;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Runs one load plan against one target and returns what it measured: the run's lifecycle. A run ends when the plan
 * ended and in-flight requests finished (or the graceful stop ran out), or when aborted: then in-flight requests are
 * cut at once and counted as interrupted. Guardrails ({@link GuardrailWatch}) abort the run themselves.
 *
 * <p>Threads ({@link EngineLoops}): the driver, the {@link Dispatcher}, metrics, interval flips and this lifecycle
 * run on the control loop, so none of that state needs locks; requests go out on the I/O lanes ({@link Lane}), which
 * take every timestamp; {@link #abort} and {@link #snapshot} may be called from any thread.
 */
public final class LoadEngine {

    private enum State { WAITING, RUNNING, STOPPING, ENDING, DONE }

    private final EngineConfig config;
    private final LoadPlan plan;
    private final EngineLoops loops;
    private final Vertx vertx;
    private final Context control;
    private final RequestFactory requests;
    private final MetricsCollector metrics;
    private final List<Lane> lanes = new ArrayList<>();
    private final Dispatcher dispatcher;
    private final IntervalFlipper intervals;
    private final ProgressReporter progress;
    private final GuardrailWatch guardrails;
    private final CompletableFuture<RunData> result = new CompletableFuture<>();
    /** Completed by {@link #close()}: readers whose copy a closed loop will never make get the result instead. */
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private State state = State.WAITING;
    private LoadDriver driver;
    private long intervalTimer = -1;
    private long graceTimer = -1;
    private Instant startTime;
    private long startNanos;
    /** When sending stopped (the plan's end or an abort), for the stages' elapsed time. */
    private long stopNanos;
    private String abortReason;

    public LoadEngine(EngineConfig config) {
        this.config = config;
        this.plan = config.plan();
        // First: a dataset that cannot be read fails here, before any thread is started.
        this.requests = new RequestFactory(config.workload(), config.target().model(), config.seed(), config.share());
        int maxConnections = config.target().maxConnections();
        this.loops = new EngineLoops(EngineLoops.laneCount(maxConnections), EngineLoops.sharedLoop());
        this.vertx = loops.vertx();
        this.control = loops.control();
        int laneCount = loops.lanes().size();
        for (int i = 0; i < laneCount; i++) {
            // The pool is split evenly: lanes together open at most maxConnections.
            int connections = maxConnections / laneCount + (i < maxConnections % laneCount ? 1 : 0);
            lanes.add(new Lane(loops.lanes().get(i), control, config.target(), connections));
        }
        CellRows rows = new CellRows(plan);
        this.metrics = new MetricsCollector(rows.rows(), requests.cellNames(), requests.userRequestTypes(),
                config.goodput());
        this.dispatcher = new Dispatcher(config, rows, requests, metrics, List.copyOf(lanes), loops, this::abortNow,
                this::drained);
        this.intervals = new IntervalFlipper(plan, metrics, loops, config.intervalCells());
        this.progress = new ProgressReporter(plan, metrics, config.progress());
        this.guardrails = new GuardrailWatch(config.guardrails(), this::guardrailTripped);
    }

    /** Runs the whole plan and blocks until it ended or was aborted. */
    public RunData run() throws InterruptedException {
        try {
            return start().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("load engine failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            close();
        }
    }

    /** Starts the plan (at the configured start time) without blocking; the future completes with the results. */
    public CompletableFuture<RunData> start() {
        control.runOnContext(v -> scheduleStart());
        return result;
    }

    /**
     * The results so far (cumulative, including the interval in progress): copied on the control loop, encoded on
     * the engine's worker thread, which also completes the future.
     */
    public CompletableFuture<RunData> snapshot() {
        if (result.isDone()) {
            return result;
        }
        return read(() -> state == State.DONE ? result::join : copy(true), data -> data);
    }

    /**
     * What changed since a reader's cursor, copied on the control loop (also after the end) and encoded off it: the
     * cumulative cells that recorded anything in interval {@code sinceInterval} or later (all cells when negative),
     * without the timeline, and the cursor to ask from next time. Polls then cost what changed, not the whole run.
     * Once the engine is closed: the final result, every cell, and a cursor that asks for everything.
     */
    public CompletableFuture<Changes> changesSince(int sinceInterval) {
        return read(() -> {
            int next = metrics.interval();
            Supplier<RunData> data = copy(metrics.copy(true, sinceInterval), List.of(), List.of());
            return () -> new Changes(next, data.get());
        }, data -> new Changes(-1, data));
    }

    /**
     * Copies on the control loop and encodes off it; once the engine is closed, answers from the final result. The
     * loops may be closed under a reader (a capacity search closes each probe's engine as soon as it ended): a task
     * queued on a closing loop may never run and a terminated loop refuses it, so a poll racing the end of a probe
     * used to wait for its HTTP timeout.
     */
    private <T> CompletableFuture<T> read(Supplier<Supplier<T>> copyOnControl, Function<RunData, T> fromResult) {
        CompletableFuture<T> afterClose = closed.thenCompose(v -> result.isDone() ? result.thenApply(fromResult)
                : CompletableFuture.failedFuture(new IllegalStateException("the load engine was closed mid-run")));
        if (closed.isDone()) {
            // Not a copy from a closing loop either: one that still ran could answer before the result.
            return afterClose;
        }
        CompletableFuture<Supplier<T>> copied = new CompletableFuture<>();
        onControl(() -> copied.complete(copyOnControl.get()));
        return copied.thenCompose(loops::offLoop).applyToEither(afterClose, read -> read);
    }

    /**
     * @param nextInterval the cursor for the next {@link #changesSince} call (negative: ask for everything, as for
     *     the final result)
     */
    public record Changes(int nextInterval, RunData data) {
    }

    /** Releases the engine's threads; call after the run's future completed. */
    public void close() {
        closed.complete(null);
        lanes.forEach(Lane::close);
        loops.close();
        requests.close();
    }

    /** Stops all load now (from any thread); the run returns its partial results marked aborted. */
    public void abort(String reason) {
        onControl(() -> abortNow(reason));
    }

    /**
     * Runs {@code task} on the control loop unless the engine is closed and its loop refuses it: then the run had
     * ended, so an abort has nothing left to stop (a command may race a probe's end) and a reader is answered from
     * the result ({@link #read}).
     */
    private void onControl(Runnable task) {
        try {
            control.runOnContext(v -> task.run());
        } catch (RejectedExecutionException terminated) {
            // Closed: see above.
        }
    }

    /** The first abort wins; after the end it is a no-op. */
    private void abortNow(String reason) {
        if (abortReason == null && state != State.ENDING && state != State.DONE) {
            abortReason = reason;
            cut();
        }
    }

    /** Once the load is stopping there is nothing left to protect. */
    private void guardrailTripped(String reason) {
        if (state == State.RUNNING) {
            abortNow(reason);
        }
    }

    private void scheduleStart() {
        long delayMillis = config.startAtEpochMillis() == null ? 0
                : config.startAtEpochMillis() - System.currentTimeMillis();
        if (delayMillis > 0) {
            vertx.setTimer(delayMillis, id -> begin());
        } else {
            begin();
        }
    }

    private void begin() {
        if (state != State.WAITING) {
            // Aborted while waiting for the start time: never start afterwards.
            return;
        }
        try {
            driver = plan.model() == LoadModel.CLOSED
                    ? new ClosedModelDriver(vertx, loops.controlTimer(), plan, config.share(), dispatcher)
                    : new OpenModelDriver(loops.controlTimer(),
                            new FireTimeSequence(plan, config.share(), config.seed()), dispatcher);
            state = State.RUNNING;
            startNanos = System.nanoTime();
            startTime = Instant.now();
            dispatcher.start(startNanos);
            intervals.start(startNanos);
            loops.startProbes();
            driver.start();
            intervalTimer = vertx.setPeriodic(IntervalFlipper.INTERVAL_MS, id -> flip());
            vertx.setTimer(Math.max(1, plan.totalNanos() / 1_000_000), id -> endOfPlan());
            guardrails.start(vertx);
        } catch (RuntimeException e) {
            state = State.DONE;
            result.completeExceptionally(e);
        }
    }

    private void flip() {
        intervals.flip(dispatcher.inFlight(), progress::onInterval,
                (offset, seconds, interval, inFlight) -> {
                    if (state == State.RUNNING) {
                        guardrails.onInterval(offset, interval);
                    }
                });
    }

    private void endOfPlan() {
        if (state != State.RUNNING) {
            return;
        }
        state = State.STOPPING;
        // The plan ran to its end (the timer may fire a fraction of a millisecond early: it has ms resolution).
        stopNanos = startNanos + plan.totalNanos();
        stopSending();
        if (state == State.STOPPING) {
            graceTimer = vertx.setTimer(Math.max(1, plan.gracefulStop().toMillis()), id -> cut());
        }
    }

    /** The load stopped and the last request came back within the graceful stop. */
    private void drained() {
        if (state == State.STOPPING) {
            vertx.cancelTimer(graceTimer);
            end();
        }
    }

    private void stopSending() {
        if (startNanos != 0 && stopNanos == 0) {
            stopNanos = System.nanoTime();
        }
        if (driver != null) {
            driver.stop();
        }
        // Retries stop with the test: the waiting ones end with their last attempt.
        dispatcher.stop();
    }

    /** Cuts whatever is still under way (counted as interrupted), then ends the run. */
    private void cut() {
        if (state == State.ENDING || state == State.DONE) {
            return;
        }
        state = State.ENDING;
        vertx.cancelTimer(graceTimer);
        stopSending();
        dispatcher.interruptAll(System.nanoTime(), this::end);
    }

    private void end() {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        vertx.cancelTimer(intervalTimer);
        dispatcher.interruptUserRequests(System.nanoTime());
        if (driver != null) {
            flip();
        }
        loops.offLoop(copy(false)).whenComplete((data, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(data);
            }
        });
    }

    /** What the run measured so far, copied now on the control loop; the supplier encodes it anywhere. */
    private Supplier<RunData> copy(boolean withCurrentInterval) {
        return copy(metrics.copy(withCurrentInterval, -1), intervals.timeline(), intervals.cells());
    }

    private Supplier<RunData> copy(Supplier<List<CellData>> cells, List<TimelinePoint> timeline,
            List<IntervalCell> intervalCells) {
        Histogram controlLag = intervals.measuredControlLag().copy();
        Histogram laneLag = intervals.measuredLaneLag().copy();
        List<StageInfo> stages = stagesAsRun();
        Instant start = startTime == null ? Instant.now() : startTime;
        String end = Instant.now().toString();
        boolean aborted = abortReason != null;
        String reason = abortReason;
        List<DatasetUsage> datasets = requests.datasetUsage();
        Map<String, Object> targetDetails = config.target().describe();
        return () -> new RunData(config.name(), start.toString(), end, plan.model().name().toLowerCase(),
                plan.model().levelUnit(), config.target().label(), config.target().model(), 1, stages,
                requests.requestTypeNames(), cells.get(), timeline, aborted, reason, datasets,
                loops.engineData(controlLag, laneLag), targetDetails, intervalCells);
    }

    /** The stages with the time they actually ran: an aborted run's rates are over its elapsed time. */
    private List<StageInfo> stagesAsRun() {
        long ranUntil = startNanos == 0 ? 0 : (stopNanos != 0 ? stopNanos : System.nanoTime()) - startNanos;
        return plan.stages().stream().map(s -> {
            double ran = Math.max(0, Math.min(s.durationNanos(), ranUntil - s.startNanos())) / 1e9;
            return new StageInfo(s.name(), s.level(), ran, s.warmup(), s.ramp() ? s.fromLevel() : null,
                    ran == s.durationSeconds() ? null : s.durationSeconds(),
                    s.windows() == 1 ? null : s.windows());
        }).toList();
    }
}
