package io.llmload.operator.observe;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.operator.config.OperatorConfig;
import io.llmload.runner.report.RunData;
import io.llmload.runner.worker.AbortRequest;
import io.llmload.runner.worker.ProbeCommand;
import io.llmload.runner.worker.StartRequest;
import io.llmload.runner.worker.WorkerProgress;
import io.llmload.runner.worker.WorkerStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Calls a runner's control endpoint (see docs/architecture.md: the operator pulls). Non-blocking: every call returns
 * a Vert.x future that fails with {@link RunnerCallException} when the runner does not answer as expected within
 * the call timeout, so {@link RunnerFleet} sends one call to every runner at once and waits once.
 */
@ApplicationScoped
public class RunnerClient {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final WebClient web;
    private final OperatorConfig config;

    public RunnerClient(Vertx vertx, OperatorConfig config) {
        this.config = config;
        this.web = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false)
                .setConnectTimeout((int) config.runner().callTimeout().toMillis()));
    }

    public Future<WorkerStatus> start(RunnerPod pod, StartRequest start) {
        return call(pod, HttpMethod.POST, "/v1/start", null, start, WorkerStatus.class);
    }

    /** A capacity search's probe command (run, abort or finish a probe; idempotent). */
    public Future<WorkerStatus> probe(RunnerPod pod, ProbeCommand command) {
        return call(pod, HttpMethod.POST, "/v1/probe", null, command, WorkerStatus.class);
    }

    /** Progress since the cursor of the previous answer (null: everything). */
    public Future<WorkerProgress> progress(RunnerPod pod, String since) {
        return call(pod, HttpMethod.GET, "/v1/progress", since, null, WorkerProgress.class);
    }

    public Future<RunData> result(RunnerPod pod) {
        return call(pod, HttpMethod.GET, "/v1/result", null, null, RunData.class);
    }

    public Future<Void> abort(RunnerPod pod, String reason) {
        return call(pod, HttpMethod.POST, "/v1/abort", null, new AbortRequest(reason), Void.class);
    }

    public Future<Void> release(RunnerPod pod) {
        return call(pod, HttpMethod.POST, "/v1/release", null, null, Void.class);
    }

    /** How long the fleet waits for a round of calls: the call timeout, and a little for the replies to arrive. */
    public long roundTimeoutMillis() {
        return config.runner().callTimeout().toMillis() + 1_000;
    }

    /** The one place a control request is built and its answer read. */
    private <T> Future<T> call(RunnerPod pod, HttpMethod method, String path, String since, Object body,
            Class<T> type) {
        HttpRequest<Buffer> request = web.request(method, config.runner().controlPort(), pod.ip(), path)
                .timeout(config.runner().callTimeout().toMillis());
        if (pod.token() != null) {
            request.putHeader("Authorization", pod.token().authorization());
        }
        if (since != null) {
            request.addQueryParam("since", since);
        }
        Future<HttpResponse<Buffer>> sent;
        try {
            sent = body == null ? request.send() : request.putHeader("content-type", "application/json")
                    .sendBuffer(Buffer.buffer(JSON.writeValueAsBytes(body)));
        } catch (Exception e) {
            return Future.failedFuture(new RunnerCallException(pod, path + " failed: " + e.getMessage()));
        }
        return sent.transform(done -> {
            if (done.failed()) {
                return Future.failedFuture(new RunnerCallException(pod, path + " failed: "
                        + done.cause().getMessage()));
            }
            HttpResponse<Buffer> response = done.result();
            if (response.statusCode() / 100 != 2) {
                return Future.failedFuture(new RunnerCallException(pod, path + " answered HTTP "
                        + response.statusCode() + ": " + abbreviate(response.bodyAsString())));
            }
            try {
                return Future.succeededFuture(type == Void.class || response.body() == null ? null
                        : JSON.readValue(response.body().getBytes(), type));
            } catch (Exception e) {
                return Future.failedFuture(new RunnerCallException(pod, path + " answered what is not a "
                        + type.getSimpleName() + ": " + e.getMessage()));
            }
        });
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    @PreDestroy
    void close() {
        web.close();
    }

    /** A runner did not answer as expected. */
    public static final class RunnerCallException extends RuntimeException {
        public RunnerCallException(RunnerPod pod, String message) {
            super("runner " + pod.index() + " (pod " + pod.name() + "): " + message);
        }
    }
}
