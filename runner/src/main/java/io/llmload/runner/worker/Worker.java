package io.llmload.runner.worker;

import io.llmload.runner.engine.EngineConfig;
import io.llmload.runner.engine.LoadEngine;
import io.llmload.runner.engine.Target;
import io.llmload.runner.plan.SearchPlan;
import io.llmload.runner.spec.LoadSpec;
import io.llmload.runner.spec.TargetSpec;
import io.llmload.runner.metrics.MetricsEndpoint;
import io.llmload.runner.spec.Durations;
import io.llmload.runner.target.TargetConnection;
import io.llmload.runner.target.TargetSetupException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.BindException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One runner pod of the operator's indexed Job: the control HTTP server (on its own Vert.x instance, so a busy
 * engine never delays the operator's calls) in front of this runner's {@link WorkerEngine}.
 */
public final class Worker implements AutoCloseable {

    public static final Duration DEFAULT_LINGER = Duration.ofMinutes(10);
    private static final long LISTEN_TIMEOUT_SECONDS = 30;
    private static final long CLOSE_TIMEOUT_SECONDS = 5;

    private final WorkerPlan plan;
    private final String bindHost;
    private final Duration linger;
    private final WorkerEngine engine;
    /** The run's live meters, recorded whether served or not (a few atomic updates per request). */
    private final MetricsEndpoint metrics = new MetricsEndpoint();
    /** Where to serve them: -1 not at all (the default), 0 a free port. */
    private int metricsPort = -1;
    private int metricsActualPort = -1;
    private final CompletableFuture<WorkerExit> released = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Consumer<WorkerStatus> phaseListener = status -> { };
    private ControlToken token;
    private Vertx vertx;
    private HttpServer server;

    public Worker(WorkerPlan plan, int index, String apiKey, String bindHost) {
        this(plan, index, apiKey, bindHost, DEFAULT_LINGER);
    }

    /**
     * Builds the engine for runner {@code index} of the plan (nothing is sent yet).
     *
     * @param linger how long after the end of the run {@link #released()} completes anyway, when the start signal
     *     did not say until when to keep the results
     * @throws IllegalArgumentException when the index is out of range or the plan cannot be run
     */
    public Worker(WorkerPlan plan, int index, String apiKey, String bindHost, Duration linger) {
        if (index < 0 || index >= plan.runners()) {
            throw new IllegalArgumentException("runner index " + index + " is out of range: the plan has "
                    + plan.runners() + " runner" + (plan.runners() == 1 ? "" : "s") + " (indexes 0 to "
                    + (plan.runners() - 1) + ")");
        }
        this.plan = plan;
        this.bindHost = bindHost;
        this.linger = linger;
        EngineConfig config;
        try {
            config = EngineSetup.config(plan, index, apiKey);
        } catch (TargetSetupException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        this.engine = new WorkerEngine(run(plan, index, config.withLiveMetrics(metrics.liveMetrics(plan.testName()))),
                index, plan.runners(), plan.startDeadlineEpochMillis(), redactor(apiKey, config.target().connection()),
                status -> phaseListener.accept(status));
    }

    /** The plan's one engine run; for a capacity search, its probes as the operator commands them. */
    private static WorkerRun run(WorkerPlan plan, int index, EngineConfig config) {
        LoadSpec load = plan.spec().load();
        if (!SearchPlan.isSearch(load)) {
            return WorkerRun.of(new LoadEngine(config));
        }
        TargetSpec target = TargetSpec.orEmpty(plan.spec().target());
        return new ProbeSequence(config, SearchPlan.of(load, Target.timeout(target), 1.0), target, index);
    }

    /** Sees every phase change (READY on {@link #start()}, then the run's); call before start, return quickly. */
    public Worker onPhaseChange(Consumer<WorkerStatus> listener) {
        this.phaseListener = listener;
        return this;
    }

    /**
     * Admits control calls only with this token (see {@link ControlRoutes}); call before start. Without one every
     * caller is admitted, which only in-process workers (tests, embedding) may do: {@code llmload worker} always
     * sets one.
     */
    public synchronized Worker requireToken(ControlToken token) {
        if (server != null) {
            throw new IllegalStateException("the control token must be set before the worker starts");
        }
        this.token = token;
        return this;
    }

    /**
     * Also serves the run's live metrics ({@code GET /metrics}, no token) on {@code port} of the bind address (0: a
     * free port); call before start.
     */
    public synchronized Worker serveMetrics(int port) {
        if (server != null) {
            throw new IllegalStateException("the metrics port must be set before the worker starts");
        }
        this.metricsPort = port;
        return this;
    }

    /** The port serving {@code /metrics} once started, or -1 when metrics are not served. */
    public synchronized int metricsPort() {
        return metricsActualPort;
    }

    /**
     * Binds the control server on {@code bindHost:plan.controlPort} (port 0: a free port) and returns the actual
     * port. The engine is not started: that waits for {@code POST /v1/start}.
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    public synchronized int start() {
        if (server != null) {
            return server.actualPort();
        }
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        HttpServer created = vertx.createHttpServer(new HttpServerOptions().setHost(bindHost)
                .setPort(plan.controlPort()))
                .requestHandler(ControlRoutes.create(vertx, engine, this::release, token));
        try {
            created.listen().toCompletionStage().toCompletableFuture().get(LISTEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            await(vertx.close());
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            String why = cause instanceof BindException || String.valueOf(cause).contains("in use")
                    ? "address already in use" : String.valueOf(cause.getMessage());
            throw new IllegalStateException("cannot listen on " + bindHost + ":" + plan.controlPort() + ": " + why, e);
        }
        if (metricsPort >= 0) {
            try {
                metricsActualPort = metrics.listen(vertx, bindHost, metricsPort);
            } catch (IllegalStateException e) {
                await(vertx.close());
                throw e;
            }
        }
        server = created;
        // Nobody may come to collect the result (operator gone): exit anyway once the results are no use.
        engine.ended().whenComplete((status, error) -> exitWhenNoLongerNeeded());
        phaseListener.accept(engine.status());
        return server.actualPort();
    }

    public WorkerStatus status() {
        return engine.status();
    }

    /** A capacity search's probes this runner was commanded, each with its share of the level (null: not a search). */
    public List<ProbeState> probes() {
        return engine.probes();
    }

    /**
     * Completes when the process should exit: the operator POSTed {@code /v1/release}; or the run ended and its
     * results were kept until the time the start signal gave (else the linger time); or the run ended before it
     * started (nothing to keep).
     */
    public CompletableFuture<WorkerExit> released() {
        return released;
    }

    /** Stops the load now (as {@code POST /v1/abort} does); completes with the status once the engine returned. */
    public CompletableFuture<WorkerStatus> abort(String reason) {
        return engine.abort(reason);
    }

    /** Aborts a run still going (waits at most 5 s for it to stop), then closes the server. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        engine.close();
        Vertx running;
        synchronized (this) {
            running = vertx;
        }
        if (running != null) {
            await(running.close());
        }
        released.complete(new WorkerExit(WorkerExit.OK, "closed"));
    }

    private void release() {
        released.complete(new WorkerExit(WorkerExit.OK, "released by the operator"));
    }

    /**
     * A run that never started has nothing to keep: exit now, as failed (the pod's termination message says why).
     * A run that did keeps its results for the operator until the time it gave at the start (an operator outage at
     * the end then loses nothing), else for the linger time.
     */
    private void exitWhenNoLongerNeeded() {
        if (closed.get()) {
            return;
        }
        if (engine.endedBeforeStart()) {
            released.complete(new WorkerExit(WorkerExit.NOT_STARTED, "not started: " + engine.status().message()));
            return;
        }
        Long until = engine.keepResultsUntil();
        long delay = until != null ? until - System.currentTimeMillis() : linger.toMillis();
        String why = "nobody collected the results by " + (until != null ? Instant.ofEpochMilli(until)
                : "the end of the linger time (" + Durations.format(linger) + ")");
        try {
            vertx.setTimer(Math.max(1, delay), id -> released.complete(new WorkerExit(WorkerExit.OK, why)));
        } catch (RuntimeException closing) {
            // The Vert.x instance is closing: close() completes released() itself.
        }
    }

    /**
     * Masks the API key and the extra headers' values wherever they could leak into a message (an error quoting a
     * header, a URL, ...).
     */
    private static UnaryOperator<String> redactor(String apiKey, TargetConnection connection) {
        if (apiKey == null || apiKey.isBlank()) {
            return connection::redact;
        }
        return text -> text == null ? null : connection.redact(text.replace(apiKey, "***"));
    }

    private static void await(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Best effort: closing must not throw.
        }
    }
}
