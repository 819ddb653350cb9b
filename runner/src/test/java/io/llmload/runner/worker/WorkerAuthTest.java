package io.llmload.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker with a control token obeys only callers that present it: every control call without it, or with another
 * token, is answered 401 and changes nothing; the kubelet's probes stay open.
 */
class WorkerAuthTest {

    private static final String HOST = "127.0.0.1";
    private static final List<String> CONTROL_CALLS = List.of("GET /v1/state", "POST /v1/start", "GET /v1/progress",
            "GET /v1/result", "POST /v1/abort", "POST /v1/release");

    private Simulator simulator;
    private Worker worker;
    private final ControlToken token = ControlToken.generate();
    private int port;

    @BeforeEach
    void startWorker() {
        simulator = Simulator.start(SimulatorConfig.defaults().withGroundTruth());
        WorkerPlan plan = TestPlans.plan("auth", simulator.baseUrl(), 1,
                "{model: closed, gracefulStop: 5s, stages: [{duration: 500ms, users: 1}]}", 0);
        worker = new Worker(plan, 0, null, HOST).requireToken(token);
        port = worker.start();
    }

    @AfterEach
    void closeAll() {
        worker.close();
        simulator.close();
    }

    @Test
    void controlCallsWithoutTheTokenAre401AndChangeNothing() throws Exception {
        ControlToken other = ControlToken.generate();
        for (String call : CONTROL_CALLS) {
            for (String authorization : new String[] {null, other.authorization(), "Basic " + token.value(),
                    token.value(), "Bearer " + token.value().substring(1)}) {
                HttpResponse<String> response = send(call, authorization);
                assertThat(response.statusCode()).as(call + " with " + describe(authorization)).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(
                        "Bearer realm=\"llmload-runner\"");
                assertThat(response.body()).isEqualTo("{\"message\":\"control calls need the test's token "
                        + "(Authorization: Bearer), which only the operator has\"}");
            }
        }
        // Nothing happened: still waiting for the start signal, not released, nothing sent to the target.
        assertThat(worker.status().phase()).isEqualTo(WorkerPhase.READY);
        assertThat(worker.released()).isNotDone();
        assertThat(simulator.groundTruth().all()).isEmpty();
    }

    @Test
    void probesStayOpenForTheKubelet() throws Exception {
        assertThat(send("GET /ready", null).statusCode()).isEqualTo(200);
        assertThat(send("GET /health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theOperatorsTokenRunsTheTestToTheEnd() {
        ControlClient client = new ControlClient(HOST, port, token.authorization());
        assertThat(client.state().phase()).isEqualTo(WorkerPhase.READY);
        assertThat(client.start(System.currentTimeMillis()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.state().phase() == WorkerPhase.FINISHED);
        assertThat(ControlClient.requests(client.result())).isEqualTo(simulator.groundTruth().all().size())
                .isPositive();
        // The scheme is case-insensitive (RFC 7235), the token is not.
        ControlClient lowerCase = new ControlClient(HOST, port, "bearer " + token.value());
        assertThat(lowerCase.get("/v1/state").status()).isEqualTo(200);
        assertThat(client.post("/v1/release", "").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(2)).until(() -> worker.released().isDone());
    }

    private HttpResponse<String> send(String call, String authorization) throws Exception {
        String[] parts = call.split(" ");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + parts[1]))
                .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.method(parts[0], parts[0].equals("POST")
                ? HttpRequest.BodyPublishers.ofString("{\"startAtEpochMillis\": 1}")
                : HttpRequest.BodyPublishers.noBody());
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String describe(String authorization) {
        return authorization == null ? "no Authorization header"
                : authorization.replace(token.value(), "<token>");
    }
}
