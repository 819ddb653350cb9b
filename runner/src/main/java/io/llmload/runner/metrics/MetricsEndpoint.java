package io.llmload.runner.metrics;

import io.micrometer.core.instrument.distribution.pause.NoPauseDetector;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.BindException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /metrics} in the Prometheus text format, on a port of its own: the one registry a runner or a CLI run
 * records its {@link LiveMetrics} into. A port apart from the control API so that a NetworkPolicy can let
 * Prometheus in to the metrics and nothing else; it needs no token (it serves counts and latencies labelled with the
 * test's, stages' and request types' names — no prompts, URLs or secrets). Scrapes are rendered on a worker thread,
 * never on the event loop that serves it.
 */
public final class MetricsEndpoint {

    private static final long LISTEN_TIMEOUT_SECONDS = 30;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public MetricsEndpoint() {
        // Micrometer's default pause detector (LatencyUtils) does work on every Timer.record to correct for pauses in
        // timed code; our latencies are measured from the intended send time already, and recording one ITL per
        // token with it cost several times the rest of the recording (bench/live-metrics.sh).
        registry.config().pauseDetector(new NoPauseDetector());
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The meters of a run of test {@code test}, recorded into this endpoint's registry. */
    public LiveMetrics liveMetrics(String test) {
        return new LiveMetrics(registry, test);
    }

    /**
     * Serves {@code /metrics} on {@code host:port} on a small Vert.x instance of its own, closed with the returned
     * handle (for a CLI run, which has no HTTP server otherwise).
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    public Served serve(String host, int port) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        try {
            return new Served(listen(vertx, host, port), vertx);
        } catch (IllegalStateException e) {
            vertx.close();
            throw e;
        }
    }

    /** A metrics server started by {@link #serve}: its port, and close to stop it. */
    public record Served(int port, Vertx vertx) implements AutoCloseable {
        @Override
        public void close() {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // Best effort: the process is about to exit anyway.
            }
        }
    }

    /**
     * Serves {@code /metrics} on {@code host:port} (0: a free port) with {@code vertx}, and returns the actual port.
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    public int listen(Vertx vertx, String host, int port) {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                .requestHandler(request -> {
                    if (!"/metrics".equals(request.path())) {
                        request.response().setStatusCode(404).end("only /metrics here\n");
                        return;
                    }
                    vertx.executeBlocking(() -> registry.scrape(), false).onComplete(scraped -> {
                        if (scraped.succeeded()) {
                            request.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                                    .end(scraped.result());
                        } else {
                            request.response().setStatusCode(500).end("scrape failed\n");
                        }
                    });
                });
        try {
            return server.listen().toCompletionStage().toCompletableFuture()
                    .get(LISTEN_TIMEOUT_SECONDS, TimeUnit.SECONDS).actualPort();
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            String why = cause instanceof BindException || String.valueOf(cause).contains("in use")
                    ? "address already in use" : String.valueOf(cause.getMessage());
            throw new IllegalStateException("cannot serve metrics on " + host + ":" + port + ": " + why, e);
        }
    }
}
