package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A server that closes a kept-alive connection just as the next request goes out on it (an idle timeout racing the
 * client) never saw that request: it is sent once more on a new connection, not counted as a connection error.
 */
class StaleConnectionTest {

    @Test
    void aRequestOnAReusedConnectionThatTheServerClosedIsSentOnceMore() throws Exception {
        Vertx vertx = Vertx.vertx();
        Map<HttpConnection, Integer> requestsPerConnection = new IdentityHashMap<>();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            int seen = requestsPerConnection.merge(request.connection(), 1, Integer::sum);
            if (seen > 1) {
                request.connection().close(); // the second request on a connection: closed, unanswered
                return;
            }
            request.body().onSuccess(body -> request.response().putHeader("content-type", "application/json")
                    .end("{\"choices\":[{\"message\":{\"content\":\"ok\"}}],"
                            + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}"));
        });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            // 3 s: the first request of a cold JVM can take most of a second on a busy machine.
            EngineRuns run = EngineRuns.run(EngineRuns.manifest("{model: closed, stages: [{duration: 3s, users: 1}]}",
                    "{name: chat, api: chat, stream: false, prompt: {text: hi}}"),
                    "http://127.0.0.1:" + server.actualPort(), 1);

            assertThat(run.traces.size()).isGreaterThan(3);
            assertThat(run.traces).allSatisfy(t -> assertThat(t.error()).isNull());
            // Every request after the first found its connection closed by the server, and went out once more.
            long resent = run.traces.stream().filter(t -> t.retriedOnStaleConnection()).count();
            assertThat(resent).isEqualTo(run.traces.size() - 1);
            Report report = ReportBuilder.build(run.data, null);
            assertThat(report.overall().errors().total()).isZero();
            assertThat(report.overall().staleConnectionRetries()).isEqualTo(resent);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void idleConnectionsAreClosedBeforeCommonServersCloseThem() {
        // uvicorn (vLLM, SGLang) and Node close idle keep-alive connections after 5 s.
        assertThat(TargetHttp.KEEP_ALIVE_IDLE.toMillis()).isLessThan(5_000);
    }
}
