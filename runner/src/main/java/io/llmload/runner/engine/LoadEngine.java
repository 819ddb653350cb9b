package io.llmload.runner.engine;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.LatencyMetric;
import io.llmload.runner.metrics.MetricsCollector;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.metrics.UserRequestTrace;
import io.llmload.runner.plan.FireTimeSequence;
import io.llmload.runner.plan.LoadModel;
import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.plan.PlannedStage;
import io.llmload.runner.report.RunData;
import io.llmload.runner.report.StageInfo;
import io.llmload.runner.report.TimelinePoint;
import io.llmload.runner.workload.PreparedRequest;
import io.llmload.runner.workload.RequestFactory;
import io.llmload.runner.workload.UserRequest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Runs one load plan against one target and returns what it measured. Everything — drivers, requests, metrics,
 * progress — runs on a single Vert.x event loop, so no state here needs locks; {@link #abort} may be called from
 * any thread. A run ends when the plan ends and in-flight requests finished (or the graceful stop ran out), or
 * when aborted: then in-flight requests are cut at once and counted as interrupted. Guardrails (if configured) are
 * judged at every interval flip and abort the run themselves. With a retry policy, a failed first attempt is recorded
 * as usual and then retried after its backoff; retry attempts are recorded apart, and once the load stops no retry
 * is sent any more (waiting ones are dropped).
 */
public final class LoadEngine {

    private static final long PROGRESS_INTERVAL_MS = 1_000;

    private final EngineConfig config;
    private final LoadPlan plan;
    private final Vertx vertx;
    private final Context context;
    private final RequestFactory requests;
    private final MetricsCollector metrics;
    private final Set<InFlightRequest> inFlight = new LinkedHashSet<>();
    /** User requests under way (composites between steps included), to end as interrupted when the run ends. */
    private final Set<UserRequestRun> running = new LinkedHashSet<>();
    private final CompletableFuture<RunData> result = new CompletableFuture<>();
    private final List<TimelinePoint> timeline = new ArrayList<>();
    private final GuardrailEvaluator guardrails;
    private final RetryScheduler retries;
    private RequestExecutor executor;
    private LoadDriver driver;
    private long startNanos;
    private Instant startTime;
    private long lastFlipNanos;
    private long progressTimer = -1;
    private long sequence;
    private long stepSequence;
    private long requestsSoFar;
    private long errorsSoFar;
    private boolean stopping;
    private String abortReason;

    public LoadEngine(EngineConfig config) {
        this.config = config;
        this.plan = config.plan();
        // First: a dataset that cannot be read fails here, before any thread is started.
        this.requests = new RequestFactory(config.workload(), config.target().model(), config.seed(), config.share());
        // One event loop: the engine is single-threaded by design; scale out with more runners.
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setBlockedThreadCheckInterval(60_000));
        this.context = vertx.getOrCreateContext();
        this.metrics = new MetricsCollector(plan.stages().stream().map(PlannedStage::name).toList(),
                requests.cellNames(), requests.userRequestTypes(), config.goodput());
        this.guardrails = config.guardrails() == null ? null : new GuardrailEvaluator(config.guardrails());
        this.retries = new RetryScheduler(vertx, RetryPolicy.from(config.workload().retry(), config.seed()),
                this::sendAttempt, this::endRequest);
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
        context.runOnContext(v -> scheduleStart());
        return result;
    }

    /** The results so far (cumulative, including the interval in progress), taken on the engine's event loop. */
    public CompletableFuture<RunData> snapshot() {
        if (result.isDone()) {
            return result;
        }
        CompletableFuture<RunData> snapshot = new CompletableFuture<>();
        context.runOnContext(v -> snapshot.complete(runData(metrics.snapshotData())));
        return snapshot;
    }

    /** Releases the engine's event loop; call after the run's future completed. */
    public void close() {
        vertx.close();
        requests.close();
    }

    /** Stops all load now (from any thread); the run returns its partial results marked aborted. */
    public void abort(String reason) {
        context.runOnContext(v -> abortNow(reason));
    }

    /** On the event loop: the first abort wins; after the end it is a no-op. */
    private void abortNow(String reason) {
        if (abortReason == null && !result.isDone()) {
            abortReason = reason;
            stopSending();
            long now = System.nanoTime();
            List.copyOf(inFlight).forEach(flight -> flight.interrupt(now));
            complete();
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
        if (result.isDone()) {
            // Aborted while waiting for the start time: never start afterwards.
            return;
        }
        try {
            executor = new RequestExecutor(vertx, config.target(), requests.tokenizer());
            Launcher launcher = new Launcher();
            driver = plan.model() == LoadModel.CLOSED
                    ? new ClosedModelDriver(vertx, plan, config.share(), launcher)
                    : new OpenModelDriver(vertx, new FireTimeSequence(plan, config.share().rate(1.0), config.seed()),
                            launcher);
            startNanos = System.nanoTime();
            lastFlipNanos = startNanos;
            startTime = Instant.now();
            driver.start();
            progressTimer = vertx.setPeriodic(PROGRESS_INTERVAL_MS, id -> flipInterval());
            vertx.setTimer(Math.max(1, plan.totalNanos() / 1_000_000), id -> endOfPlan());
            if (guardrails != null && config.guardrails().maxDuration() != null) {
                // A timer, so maxDuration stops the load on time rather than at the next interval flip.
                vertx.setTimer(Math.max(1, config.guardrails().maxDuration().toMillis()),
                        id -> checkGuardrail(guardrails.duration(config.guardrails().maxDuration().toNanos())));
            }
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private void endOfPlan() {
        if (stopping) {
            return;
        }
        stopSending();
        if (inFlight.isEmpty()) {
            complete();
            return;
        }
        vertx.setTimer(Math.max(1, plan.gracefulStop().toMillis()), id -> {
            long now = System.nanoTime();
            List.copyOf(inFlight).forEach(flight -> flight.interrupt(now));
            complete();
        });
    }

    private void stopSending() {
        stopping = true;
        if (driver != null) {
            driver.stop();
        }
        // Retries stop with the test: the waiting ones end with their last attempt.
        retries.dropWaiting();
    }

    private void sendAttempt(RetryingRequest request, RequestTrace attempt) {
        InFlightRequest flight = new InFlightRequest(attempt, request.prepared.keepReply(), f -> finished(f, request));
        request.last = flight;
        inFlight.add(flight);
        executor.execute(request.prepared, flight);
    }

    private void finished(InFlightRequest flight, RetryingRequest request) {
        vertx.cancelTimer(flight.timeoutTimer());
        inFlight.remove(flight);
        RequestTrace trace = flight.trace();
        if (trace.attempt() == 0) {
            metrics.record(request.stageIndex, trace);
        } else {
            metrics.recordRetryAttempt(request.stageIndex, trace);
        }
        config.traceListener().accept(trace);
        if (stopping || !retries.retry(request, trace)) {
            endRequest(request);
        }
        if (stopping && inFlight.isEmpty()) {
            complete();
        }
    }

    /** The request will not be retried (again): its retries are summed up and its user may go on. */
    private void endRequest(RetryingRequest request) {
        if (request.lastTrace().attempt() > 0) {
            metrics.recordRetriedRequest(request.stageIndex, request.firstIntendedNanos, request.lastTrace());
        }
        request.onDone.accept(request.last);
    }

    private void flipInterval() {
        long now = System.nanoTime();
        MetricsCollector.Interval interval = metrics.flip();
        CellStats all = interval.merged();
        double seconds = Math.max(1e-3, (now - lastFlipNanos) / 1e9);
        lastFlipNanos = now;
        long offset = now - startNanos;
        PlannedStage stage = plan.stageAt(offset);
        timeline.add(TimelinePoint.of(offset / 1e9, stage.name(), stage.levelAt(offset), all, seconds,
                inFlight.size()));
        // Intervals sum to the totals, so running counts need no re-merge of every stage's histograms each second.
        requestsSoFar += all.requests();
        errorsSoFar += all.errorsTotal();
        CellStats stageSoFar = metrics.stageTotal(stage.index());
        Double ttft = p95Millis(stageSoFar.histogram(LatencyMetric.TTFT));
        config.progress().onProgress(new ProgressSnapshot(stage.name(), stage.warmup(), stage.levelAt(offset),
                Math.min(offset, plan.totalNanos()) / 1e9, plan.totalNanos() / 1e9, inFlight.size(),
                all.requests() / seconds, all.outputTokens() / seconds, requestsSoFar, errorsSoFar,
                ttft == null ? Double.NaN : ttft));
        if (guardrails != null && !stopping) {
            checkGuardrail(guardrails.onInterval(offset, all));
        }
    }

    /** Aborts with the guardrail's reason, if it tripped; once the load is stopping there is nothing to protect. */
    private void checkGuardrail(String reason) {
        if (reason != null && !stopping) {
            abortNow(reason);
        }
    }

    private void complete() {
        if (result.isDone()) {
            return;
        }
        vertx.cancelTimer(progressTimer);
        long now = System.nanoTime();
        List.copyOf(running).forEach(run -> run.interrupt(now));
        if (driver != null) {
            flipInterval();
        }
        if (executor != null) {
            executor.close();
        }
        result.complete(runData(metrics.totalsData()));
    }

    private RunData runData(List<CellData> cells) {
        List<StageInfo> stages = plan.stages().stream()
                .map(s -> new StageInfo(s.name(), s.level(), s.durationSeconds(), s.warmup()))
                .toList();
        Instant start = startTime == null ? Instant.now() : startTime;
        return new RunData(config.name(), start.toString(), Instant.now().toString(),
                plan.model().name().toLowerCase(), plan.model().levelUnit(), config.target().label(),
                config.target().model(), 1, stages, requests.requestTypeNames(),
                cells, List.copyOf(timeline), abortReason != null, abortReason, requests.datasetUsage());
    }

    private static Double p95Millis(Histogram h) {
        return h.getTotalCount() == 0 ? null : round(h.getValueAtPercentile(95) / 1000.0);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** The drivers' view of the engine, and the user requests' (composites send their steps through it). */
    private final class Launcher implements RequestLauncher, UserRequestRun.Host {
        @Override
        public long startNanos() {
            return startNanos;
        }

        @Override
        public long offsetNanos() {
            return System.nanoTime() - startNanos;
        }

        @Override
        public void launch(long intendedNanos, Runnable onDone) {
            if (stopping) {
                if (onDone != null) {
                    onDone.run();
                }
                return;
            }
            UserRequest request;
            try {
                request = requests.nextUserRequest();
            } catch (RuntimeException e) {
                // E.g. a dataset file that became unreadable mid-run: stop with the reason rather than lose users.
                abortNow("cannot prepare a request: " + e.getMessage());
                return;
            }
            String id = config.name() + "-" + config.share().index() + "-" + (++sequence);
            UserRequestRun run = new UserRequestRun(request, id, this, onDone);
            running.add(run);
            run.start(intendedNanos);
        }

        @Override
        public boolean stopping() {
            return stopping;
        }

        @Override
        public void send(PreparedRequest step, long intendedNanos, String requestId,
                Consumer<InFlightRequest> onFinished) {
            RetryingRequest request = new RetryingRequest(step, requestId, ++stepSequence,
                    plan.stageAt(intendedNanos - startNanos).index(), intendedNanos, onFinished);
            sendAttempt(request, new RequestTrace(requestId, step.type().index(), intendedNanos, step.type().stream(),
                    step.promptTokens()));
        }

        @Override
        public void after(long delayNanos, Runnable task) {
            vertx.setTimer(Math.max(1, (delayNanos + 999_999) / 1_000_000), id -> task.run());
        }

        @Override
        public void ended(UserRequestRun run, UserRequestTrace trace) {
            running.remove(run);
            if (run.composite()) {
                metrics.recordUserRequest(plan.stageAt(trace.intendedNanos() - startNanos).index(), trace);
            }
        }
    }
}
