package io.llmload.runner.servermetrics;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A loopback HTTP server (127.0.0.1, a free port) answering each path with a handler; 404 for any other. */
public final class FakeHttpServer implements AutoCloseable {

    /** An answer: status and body (text or JSON). */
    public record Answer(int status, String body) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, Function<HttpServerRequest, Answer>> routes = new ConcurrentHashMap<>();
    private final Map<String, Integer> hits = new ConcurrentHashMap<>();
    private final HttpServer server;

    public FakeHttpServer() {
        try {
            server = vertx.createHttpServer().requestHandler(request -> {
                hits.merge(request.path(), 1, Integer::sum);
                Function<HttpServerRequest, Answer> route = routes.get(request.path());
                Answer answer = route == null ? new Answer(404, "not found") : route.apply(request);
                request.response().setStatusCode(answer.status()).end(answer.body());
            }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException(e);
        }
    }

    public FakeHttpServer route(String path, Function<HttpServerRequest, Answer> handler) {
        routes.put(path, handler);
        return this;
    }

    public FakeHttpServer text(String path, String body) {
        return route(path, r -> new Answer(200, body));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public int hits(String path) {
        return hits.getOrDefault(path, 0);
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
