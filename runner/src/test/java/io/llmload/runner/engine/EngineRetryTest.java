package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.report.RetryReport;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The retry policy against a scripted server: every first attempt gets 429 with Retry-After, every first retry 503,
 * every second retry 200. Timing is checked on the server's own clock, as lower bounds only.
 */
class EngineRetryTest {

    private static final String CHAT = "{name: chat, api: chat, stream: false, prompt: {text: hi}, "
            + "output: {maxTokens: {value: 4}}}";
    private static final String OK_BODY = "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"one two\"},\"finish_reason\":\"length\"}],"
            + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}";

    private ScriptedServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static String manifest(String load, String retry) {
        return "apiVersion: llmload.io/v1alpha1\n"
                + "kind: LlmLoadTest\n"
                + "metadata: {name: retry-test}\n"
                + "spec:\n"
                + "  workload:\n"
                + "    mix: [" + CHAT + "]\n"
                + "    retry: " + retry + "\n"
                + "  load: " + load + "\n";
    }

    @Test
    void retriesWaitForRetryAfterAreCountedApartAndKeepTheFirstFailure() throws Exception {
        server = new ScriptedServer(1, ScriptedServer.SCRIPT);
        EngineRuns run = EngineRuns.run(manifest("{model: closed, stages: [{duration: 2500ms, users: 2}]}",
                "{maxRetries: 3, initialBackoff: 50ms, maxBackoff: 100ms}"), server.baseUrl(), 8);

        List<Seen> firsts = server.withStatus(429);
        List<Seen> retried503 = server.withStatus(503);
        List<Seen> recovered = server.withStatus(200);
        assertThat(firsts).isNotEmpty();
        assertThat(recovered).as("at least one request recovered by its second retry").isNotEmpty();
        // A closed-model user waits for its retries: each request takes >= the 1 s Retry-After, so 2 users send at
        // most 3 first attempts each in 2.5 s (without waiting they would send hundreds).
        assertThat(firsts.size()).isLessThanOrEqualTo(6);

        // No retry reached the server before the Retry-After had passed since the 429 was sent.
        for (Seen retry : retried503) {
            Seen first = server.seen.get(retry.id().substring(0, retry.id().length() - "-r1".length()));
            assertThat(retry.arrivalNanos() - first.answeredNanos()).as(retry.id())
                    .isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
        }

        Report report = ReportBuilder.build(run.data, null);
        // First attempts exactly as without retries: all of them 429, none hidden by a later success.
        assertThat(report.overall().requests()).isEqualTo(firsts.size());
        assertThat(report.overall().errors().rateLimited()).isEqualTo(firsts.size());
        assertThat(report.overall().succeeded()).isZero();
        assertThat(report.overall().e2eMs()).isNull();
        assertThat(report.overall().meanRetryAfterSeconds()).isEqualTo(1.0);

        RetryReport retries = report.overall().retries();
        assertThat(retries.attempts()).isEqualTo(retried503.size() + recovered.size());
        assertThat(retries.errors().server()).isEqualTo(retried503.size());
        assertThat(retries.errors().total()).isEqualTo(retried503.size());
        assertThat(retries.succeeded()).isEqualTo(recovered.size());
        assertThat(retries.interrupted()).isZero();
        // Every retried request got its 503 first.
        assertThat(retries.requests()).isEqualTo(retried503.size());
        assertThat(retries.userLatencyMs().count()).isEqualTo(recovered.size());
        // What the user waited includes the Retry-After.
        assertThat(retries.userLatencyMs().p50()).isGreaterThanOrEqualTo(1_000);
        assertThat(report.stages().get(0).retries()).isEqualTo(retries);

        // Each retry left at or after the time it was due, where its own latency counts from.
        assertThat(run.traces.stream().filter(t -> t.attempt() > 0))
                .allSatisfy(t -> assertThat(t.sendNanos()).isGreaterThanOrEqualTo(t.intendedNanos()));
        assertThat(run.traces.stream().filter(t -> t.attempt() == 0)).hasSize(firsts.size());
        assertThat(run.traces.stream().filter(t -> t.attempt() > 0).map(RequestTrace::requestId))
                .allMatch(id -> id.endsWith("-r1") || id.endsWith("-r2"))
                .hasSize(retried503.size() + recovered.size());
    }

    @Test
    void retriesStopWhenTheTestStops() throws Exception {
        // Request 1 gets 429 (Retry-After 1 s); request 2 is answered only after 2.5 s, so the engine is still in its
        // graceful stop when request 1's retry falls due (after the 1 s test): that retry must not be sent.
        server = new ScriptedServer(1, id -> id.endsWith("-1") ? new Reply(429, 0) : new Reply(200, 2_500));
        EngineRuns run = EngineRuns.run(manifest("{model: closed, stages: [{duration: 1s, users: 2}]}",
                "{maxRetries: 2}"), server.baseUrl(), 4);

        assertThat(server.seen.keySet()).containsExactlyInAnyOrder("retry-test-0-1", "retry-test-0-2");
        Report report = ReportBuilder.build(run.data, null);
        assertThat(report.overall().errors().rateLimited()).isEqualTo(1);
        assertThat(report.overall().succeeded()).isEqualTo(1);
        assertThat(report.overall().retries()).as("no retry was sent").isNull();
    }

    @Test
    void withoutHonouringRetryAfterTheBackoffAloneDecides() throws Exception {
        server = new ScriptedServer(30, ScriptedServer.SCRIPT);
        EngineRuns run = EngineRuns.run(manifest("{model: closed, thinkTime: 200ms, stages: [{duration: 3s, users: 1}]}",
                "{maxRetries: 1, initialBackoff: 10ms, honorRetryAfter: false}"), server.baseUrl(), 4);

        // Honoured, the 30 s Retry-After would leave no retry inside the 3 s test.
        assertThat(server.withStatus(503)).isNotEmpty();
        RetryReport retries = ReportBuilder.build(run.data, null).overall().retries();
        assertThat(retries.errors().server()).isEqualTo(server.withStatus(503).size());
    }

    /** What the server saw of one request: when its body had arrived and when the answer was written. */
    record Seen(String id, int status, long arrivalNanos, long answeredNanos) {
    }

    /** The server's answer to one request id: a status, sent after a delay. */
    record Reply(int status, long delayMillis) {
    }

    /** Answers each request as its script says for its x-request-id; 429s carry Retry-After. */
    private static final class ScriptedServer implements AutoCloseable {
        /** 429 for first attempts, 503 for first retries ("-r1"), 200 for second retries ("-r2"), all at once. */
        static final Function<String, Reply> SCRIPT = id -> new Reply(
                id.endsWith("-r1") ? 503 : id.endsWith("-r2") ? 200 : 429, 0);

        final Vertx vertx = Vertx.vertx();
        final Map<String, Seen> seen = new ConcurrentHashMap<>();
        final HttpServer http;
        final int retryAfterSeconds;
        final Function<String, Reply> script;

        ScriptedServer(int retryAfterSeconds, Function<String, Reply> script) throws Exception {
            this.retryAfterSeconds = retryAfterSeconds;
            this.script = script;
            this.http = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        private void handle(HttpServerRequest request) {
            request.body().onSuccess(body -> {
                long arrival = System.nanoTime();
                String id = request.getHeader("x-request-id");
                Reply reply = script.apply(id);
                if (reply.delayMillis() > 0) {
                    vertx.setTimer(reply.delayMillis(), t -> answer(request, id, reply.status(), arrival));
                } else {
                    answer(request, id, reply.status(), arrival);
                }
            });
        }

        private void answer(HttpServerRequest request, String id, int status, long arrival) {
            var response = request.response().setStatusCode(status).putHeader("content-type", "application/json");
            if (status == 429) {
                response.putHeader("retry-after", Integer.toString(retryAfterSeconds));
            }
            seen.put(id, new Seen(id, status, arrival, System.nanoTime()));
            response.end(status == 200 ? OK_BODY : "{\"error\":{\"message\":\"scripted " + status + "\"}}");
        }

        String baseUrl() {
            return "http://127.0.0.1:" + http.actualPort();
        }

        List<Seen> withStatus(int status) {
            return seen.values().stream().filter(s -> s.status() == status).toList();
        }

        @Override
        public void close() {
            vertx.close();
        }
    }
}
