package io.llmload.operator.observe;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.operator.config.OperatorConfig;
import io.llmload.runner.report.RunData;
import io.llmload.runner.worker.AbortRequest;
import io.llmload.runner.worker.StartRequest;
import io.llmload.runner.worker.WorkerProgress;
import io.llmload.runner.worker.WorkerStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * Calls a runner's control endpoint (see docs/architecture.md: the operator pulls). Blocking with a short timeout:
 * it runs on reconciler threads, and a runner that does not answer in time is treated as not answering.
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

    public WorkerStatus start(RunnerPod pod, long startAtEpochMillis) {
        return call(pod, HttpMethod.POST, "/v1/start", new StartRequest(startAtEpochMillis), WorkerStatus.class);
    }

    public WorkerProgress progress(RunnerPod pod) {
        return call(pod, HttpMethod.GET, "/v1/progress", null, WorkerProgress.class);
    }

    public RunData result(RunnerPod pod) {
        return call(pod, HttpMethod.GET, "/v1/result", null, RunData.class);
    }

    public void abort(RunnerPod pod, String reason) {
        call(pod, HttpMethod.POST, "/v1/abort", new AbortRequest(reason), Void.class);
    }

    public void release(RunnerPod pod) {
        call(pod, HttpMethod.POST, "/v1/release", null, Void.class);
    }

    private <T> T call(RunnerPod pod, HttpMethod method, String path, Object body, Class<T> type) {
        long timeout = config.runner().callTimeout().toMillis();
        var request = web.request(method, config.runner().controlPort(), pod.ip(), path).timeout(timeout);
        if (pod.token() != null) {
            request.putHeader("Authorization", pod.token().authorization());
        }
        try {
            Future<HttpResponse<Buffer>> sent = body == null ? request.send()
                    : request.putHeader("content-type", "application/json")
                            .sendBuffer(Buffer.buffer(JSON.writeValueAsBytes(body)));
            HttpResponse<Buffer> response = sent.toCompletionStage().toCompletableFuture()
                    .get(timeout + 1_000, TimeUnit.MILLISECONDS);
            if (response.statusCode() / 100 != 2) {
                throw new RunnerCallException(pod, path + " answered HTTP " + response.statusCode() + ": "
                        + abbreviate(response.bodyAsString()));
            }
            if (type == Void.class || response.body() == null) {
                return null;
            }
            return JSON.readValue(response.body().getBytes(), type);
        } catch (RunnerCallException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunnerCallException(pod, path + " interrupted");
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new RunnerCallException(pod, path + " failed: " + cause.getMessage());
        }
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
