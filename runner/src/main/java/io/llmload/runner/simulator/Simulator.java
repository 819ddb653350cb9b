package io.llmload.runner.simulator;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.BindException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An OpenAI/vLLM-compatible server backed by a continuous-batching model of a GPU ({@link BatchScheduler}) — or, in
 * autoscaling mode, by a pool of them ({@link EnginePool}) — with a record of what it actually did for every request
 * ({@link #groundTruth()}) when the config asks for one, and of every scaling step ({@link #scalingHistory()}).
 */
public final class Simulator implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 30;
    private static final long CLOSE_TIMEOUT_SECONDS = 10;

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final HttpServer server;
    private final Engines engines;
    private final GroundTruth groundTruth;
    private final SimulatorConfig config;
    private final ServerTls tls;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Simulator(Vertx vertx, boolean ownsVertx, HttpServer server, Engines engines,
            GroundTruth groundTruth, SimulatorConfig config, ServerTls tls) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.server = server;
        this.engines = engines;
        this.groundTruth = groundTruth;
        this.config = config;
        this.tls = tls;
    }

    /** Starts on a caller-owned Vertx and blocks until listening. Must not be called from an event loop. */
    public static Simulator start(Vertx vertx, SimulatorConfig config) {
        return start(vertx, false, config);
    }

    /** Starts on its own Vertx, which {@link #close()} closes. */
    public static Simulator start(SimulatorConfig config) {
        return start(config, null);
    }

    /** Starts on its own Vertx serving https with {@code tls} (null: plain http). */
    public static Simulator start(SimulatorConfig config, ServerTls tls) {
        Vertx vertx = Vertx.vertx();
        try {
            return start(vertx, true, config, tls);
        } catch (RuntimeException e) {
            await(vertx.close(), "closing Vert.x");
            throw e;
        }
    }

    private static Simulator start(Vertx vertx, boolean ownsVertx, SimulatorConfig config) {
        return start(vertx, ownsVertx, config, null);
    }

    private static Simulator start(Vertx vertx, boolean ownsVertx, SimulatorConfig config, ServerTls tls) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("Simulator.start blocks; do not call it from a Vert.x event loop");
        }
        Engines engines = config.scaling() == null ? new SingleEngine(config.profile())
                : new EnginePool(config.profile(), config.scaling());
        GroundTruth groundTruth = new GroundTruth(config.groundTruthCapacity());
        SimulatorServices services = new SimulatorServices(config, engines, groundTruth);
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setTcpNoDelay(true);
        if (tls != null) {
            tls.applyTo(options);
        }
        HttpServer server = vertx.createHttpServer(options).requestHandler(SimulatorRoutes.create(vertx, services));
        engines.start();
        try {
            server.listen().toCompletionStage().toCompletableFuture()
                    .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            engines.close();
            Throwable cause = e.getCause();
            String why = cause instanceof BindException || String.valueOf(cause).contains("in use")
                    ? "address already in use"
                    : String.valueOf(cause);
            throw new IllegalStateException(
                    "Simulator could not listen on " + config.host() + ":" + config.port() + ": " + why, cause);
        } catch (TimeoutException e) {
            engines.close();
            throw new IllegalStateException("Simulator did not start listening within " + START_TIMEOUT_SECONDS
                    + " s on " + config.host() + ":" + config.port(), e);
        } catch (InterruptedException e) {
            engines.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the simulator", e);
        }
        return new Simulator(vertx, ownsVertx, server, engines, groundTruth, config, tls);
    }

    public int port() {
        return server.actualPort();
    }

    public String baseUrl() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return (tls == null ? "http://" : "https://") + host + ":" + port();
    }

    public SimulatorConfig config() {
        return config;
    }

    public GroundTruth groundTruth() {
        return groundTruth;
    }

    public SimulatorState state() {
        return engines.state();
    }

    /** What the autoscaler and the engines of the pool did (autoscaling mode), or empty. */
    public Optional<ScalingHistory> scalingHistory() {
        return engines instanceof EnginePool pool ? Optional.of(pool.history()) : Optional.empty();
    }

    /** Stops the server and the batching thread (and the Vertx if owned). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            await(server.close(), "closing the HTTP server");
        } finally {
            engines.close();
            if (ownsVertx) {
                await(vertx.close(), "closing Vert.x");
            }
        }
    }

    private static void await(Future<?> future, String what) {
        if (Context.isOnEventLoopThread()) {
            return; // cannot block here; the close proceeds asynchronously
        }
        try {
            future.toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Best effort: closing must not throw; the daemon threads die with the JVM anyway.
        }
    }
}
