package io.llmload.runner.target;

import io.llmload.runner.openai.ModelList;
import io.llmload.runner.openai.ProtocolException;
import io.llmload.runner.openai.ResponseDecoder;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET <apiBase>/models} with the connection's TLS, proxy and headers (and the bearer token), on a Vert.x
 * client of its own: called once before a run, from a plain thread, it blocks until the answer or the timeout.
 */
public final class ModelListing {

    /** What the server answered: its model ids, or the HTTP status and message when it refused. */
    public record Answer(List<String> models, int status, String message) {
        public boolean ok() {
            return status == 200;
        }
    }

    /** A look before the run waits at most this long (less when the request timeout is shorter). */
    private static final Duration MAX_WAIT = Duration.ofSeconds(15);

    private ModelListing() {
    }

    /** How long to wait for the listing: the target's request timeout ({@code spec.target.timeout}), at most 15 s. */
    public static Duration timeout(String specTimeout) {
        Duration configured = io.llmload.runner.spec.Durations.parseOr(specTimeout, MAX_WAIT);
        return configured.compareTo(MAX_WAIT) < 0 ? configured : MAX_WAIT;
    }

    /** @throws TargetUnreachableException when no HTTP answer came (refused, TLS, timeout) */
    public static Answer fetch(URI url, TargetConnection connection, String apiKey, Duration timeout) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        try {
            HttpClientOptions options = new HttpClientOptions()
                    .setDefaultHost(url.getHost())
                    .setDefaultPort(url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80)
                    .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            connection.applyTo(options);
            HttpClient client = vertx.createHttpClient(options);
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET)
                    .setURI(connection.path("/models")).putHeader("accept", "application/json");
            if (apiKey != null) {
                request.putHeader("authorization", "Bearer " + apiKey);
            }
            connection.headers().addTo(request::putHeader);
            Reply reply = client.request(request)
                    .compose(r -> r.send().compose(response -> response.body()
                            .map(body -> new Reply(response.statusCode(), body))))
                    .toCompletionStage().toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return decode(reply, connection);
        } catch (ExecutionException e) {
            throw new TargetUnreachableException(where(url, connection) + ": "
                    + connection.redact(ConnectionErrors.describe(e.getCause())));
        } catch (TimeoutException e) {
            throw new TargetUnreachableException(where(url, connection) + ": no answer within "
                    + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetUnreachableException(where(url, connection) + ": interrupted");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().completeOnTimeout(null, 5, TimeUnit.SECONDS)
                    .join();
        }
    }

    /** The raw HTTP answer. */
    private record Reply(int status, Buffer body) {
    }

    private static Answer decode(Reply reply, TargetConnection connection) {
        if (reply.status() != 200) {
            String message = ResponseDecoder.errorMessage(reply.body());
            return new Answer(List.of(), reply.status(), connection.redact(message));
        }
        try {
            return new Answer(ModelList.ids(reply.body()), reply.status(), "");
        } catch (ProtocolException e) {
            return new Answer(List.of(), -1, e.getMessage());
        }
    }

    /** The URL as messages show it (no user-info or query). */
    static String where(URI url, TargetConnection connection) {
        return "GET " + url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "")
                + connection.path("/models");
    }
}
