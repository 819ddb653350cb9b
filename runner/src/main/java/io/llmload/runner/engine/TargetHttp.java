package io.llmload.runner.engine;

import io.llmload.runner.openai.Api;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;

/**
 * How the engine talks HTTP to the target: the one place that builds the Vert.x client options (connection, TLS,
 * keep-alive, pool) and the options of each request (method, path, headers). Each lane gets a client of its own, so
 * its connections live on its event loop.
 *
 * <p>Idle connections are closed after {@link #KEEP_ALIVE_IDLE} — below the 5 s idle timeout of common servers
 * (uvicorn, which vLLM and SGLang run on, Node) — so the client does not reuse a connection the server is about to
 * close. The race cannot be excluded (a server may close earlier): {@link RequestExecutor} sends a request once more,
 * on a new connection, when a reused connection closed before any response byte arrived.
 */
final class TargetHttp {

    static final Duration KEEP_ALIVE_IDLE = Duration.ofSeconds(4);

    private final Target target;

    TargetHttp(Target target) {
        this.target = target;
    }

    /** The cap on one SSE line or event of a stream (spec.target.maxEventBytes). */
    int maxEventBytes() {
        return target.maxEventBytes();
    }

    /** A pooled client of up to {@code connections} connections; waits for a connection show up as send lag. */
    HttpClient client(Vertx vertx, int connections) {
        HttpClientOptions options = new HttpClientOptions()
                .setDefaultHost(target.baseUri().getHost())
                .setDefaultPort(target.port())
                .setSsl(target.ssl())
                .setTrustAll(false)
                .setKeepAlive(true)
                .setKeepAliveTimeout((int) KEEP_ALIVE_IDLE.toSeconds())
                .setPipelining(false)
                .setTcpNoDelay(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, target.timeout().toMillis()));
        // TLS (private CA, mTLS, insecureSkipVerify) and proxy from spec.target: see target.TargetConnection.
        target.connection().applyTo(options);
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1);
        return vertx.createHttpClient(options, pool);
    }

    /** A POST of {@code api}, tagged with the request id (the simulator's ground truth and server logs key on it). */
    RequestOptions request(Api api, boolean stream, String requestId) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setURI(target.path(api))
                .putHeader("content-type", "application/json")
                .putHeader("accept", stream ? "text/event-stream" : "application/json")
                .putHeader("x-request-id", requestId);
        if (target.apiKey() != null) {
            options.putHeader("authorization", "Bearer " + target.apiKey());
        }
        target.connection().headers().addTo(options::putHeader);
        return options;
    }
}
