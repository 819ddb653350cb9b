package io.llmload.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.report.RunData;
import io.llmload.runner.simulator.RequestTruth;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One worker's control API against the in-process simulator: start, progress, result, abort, release, errors. */
class WorkerControlTest {

    private static final String API_KEY = "sk-worker-test-5ecret-0123456789";
    private static final String HOST = "127.0.0.1";

    private Simulator simulator;
    private Worker worker;
    private ControlClient client;
    private final List<WorkerStatus> phases = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startSimulator() {
        simulator = Simulator.start(SimulatorConfig.defaults().withGroundTruth());
    }

    @AfterEach
    void closeAll() {
        if (worker != null) {
            worker.close();
        }
        simulator.close();
        if (client != null) {
            // The API key never leaves the worker: no response and no phase message carries it.
            assertThat(client.bodies).noneMatch(body -> body.contains(API_KEY));
            assertThat(client.bodies).noneMatch(body -> body.contains("Exception") || body.contains("\tat "));
        }
        assertThat(phases).noneMatch(status -> String.valueOf(status.message()).contains(API_KEY));
    }

    private void startWorker(String name, String load) {
        WorkerPlan plan = TestPlans.plan(name, simulator.baseUrl(), 1, load, 0);
        worker = new Worker(plan, 0, API_KEY, HOST).onPhaseChange(phases::add);
        client = new ControlClient(HOST, worker.start());
    }

    @Test
    void runsToTheEndWithIdempotentStartGrowingProgressAndRelease() {
        startWorker("full-run", "{model: closed, gracefulStop: 5s, stages: [{duration: 2s, users: 2}]}");

        assertThat(client.get("/ready")).isEqualTo(new ControlClient.Response(200, "ok"));
        assertThat(client.get("/health").status()).isEqualTo(200);
        assertThat(client.state()).isEqualTo(new WorkerStatus(WorkerPhase.READY, 0, 1, null,
                "waiting for the start signal"));
        ControlClient.Response early = client.get("/v1/result");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.message()).isEqualTo("no result yet: the worker is READY (waiting for the start signal)");
        WorkerProgress before = client.progress();
        assertThat(before.phase()).isEqualTo(WorkerPhase.READY);
        assertThat(before.data().cells()).extracting(CellData::requests).containsOnly(0L);

        long startAt = System.currentTimeMillis() + 300;
        ControlClient.Response accepted = client.start(startAt);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.as(WorkerStatus.class).phase()).isEqualTo(WorkerPhase.SCHEDULED);
        assertThat(accepted.as(WorkerStatus.class).startAtEpochMillis()).isEqualTo(startAt);
        ControlClient.Response again = client.start(startAt);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.as(WorkerStatus.class).startAtEpochMillis()).isEqualTo(startAt);
        ControlClient.Response other = client.start(startAt + 1);
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.message()).startsWith("another start time was already accepted: startAtEpochMillis "
                + startAt);

        AtomicLong seen = new AtomicLong();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            seen.set(ControlClient.requests(client.progress().data()));
            return seen.get() > 0;
        });
        assertThat(client.state().phase()).isEqualTo(WorkerPhase.RUNNING);
        assertThat(client.get("/v1/result").status()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> ControlClient.requests(client.progress().data()) > seen.get());

        await().atMost(Duration.ofSeconds(10)).until(() -> client.state().phase() == WorkerPhase.FINISHED);
        RunData result = client.result();
        assertThat(result.aborted()).isFalse();
        assertThat(result.abortReason()).isNull();
        assertThat(result.name()).isEqualTo("full-run");
        assertThat(result.model()).isEqualTo(TestPlans.MODEL);
        long requests = ControlClient.requests(result);
        assertThat(requests).isGreaterThan(seen.get());
        // Every request the engine counted is one the simulator completed (the graceful stop let all finish).
        assertThat(simulator.groundTruth().all()).hasSize((int) requests)
                .allMatch(truth -> truth.requestId().startsWith("full-run-0-"));
        // Progress after the end carries the final numbers (never the timeline: that comes with the result).
        assertThat(ControlClient.normalized(client.progress().data().cells()))
                .isEqualTo(ControlClient.normalized(result.cells()));
        assertThat(client.progress().data().timeline()).isEmpty();
        assertThat(result.timeline()).isNotEmpty();
        assertThat(client.state().message()).isEqualTo("finished: " + requests + " requests");
        assertThat(phases).extracting(WorkerStatus::phase).containsExactly(WorkerPhase.READY,
                WorkerPhase.SCHEDULED, WorkerPhase.RUNNING, WorkerPhase.FINISHED);

        assertThat(worker.released()).isNotDone();
        ControlClient.Response released = client.post("/v1/release", "");
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.as(WorkerStatus.class).phase()).isEqualTo(WorkerPhase.FINISHED);
        await().atMost(Duration.ofSeconds(2)).until(() -> worker.released().isDone());
    }

    @Test
    void abortMidRunStopsAllLoadAtOnceAndMarksTheResult() {
        startWorker("abort-run", "{model: closed, gracefulStop: 30s, stages: [{duration: 60s, users: 8}]}");
        // A start time in the past starts now.
        assertThat(client.start(System.currentTimeMillis() - 5_000).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> simulator.groundTruth().size() > 20);

        long before = System.nanoTime();
        ControlClient.Response aborted = client.post("/v1/abort", "{\"reason\": \"guardrail: error rate 12% > 5%\"}");
        long abortedAt = System.nanoTime();
        assertThat(aborted.status()).isEqualTo(200);
        assertThat(aborted.as(WorkerStatus.class).phase()).isEqualTo(WorkerPhase.ABORTED);
        assertThat(aborted.as(WorkerStatus.class).message()).isEqualTo("aborted: guardrail: error rate 12% > 5%");
        assertThat(Duration.ofNanos(abortedAt - before)).isLessThan(Duration.ofSeconds(5));

        RunData result = client.result();
        assertThat(result.aborted()).isTrue();
        assertThat(result.abortReason()).isEqualTo("guardrail: error rate 12% > 5%");
        assertThat(ControlClient.requests(result)).isGreaterThan(20);
        // Eight users always have a request out: the abort cut them instead of waiting for the graceful stop.
        assertThat(result.cells().stream().mapToLong(CellData::interrupted).sum()).isPositive();

        // No request reaches the server after the abort returned, and the count stops growing.
        int settled = simulator.groundTruth().size();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> simulator.groundTruth().size() == settled);
        assertThat(simulator.groundTruth().all()).extracting(RequestTruth::arrivalNanos)
                .allMatch(arrival -> arrival < abortedAt);

        // A second abort changes nothing.
        ControlClient.Response second = client.post("/v1/abort", "{\"reason\": \"again\"}");
        assertThat(second.status()).isEqualTo(200);
        assertThat(client.result().abortReason()).isEqualTo("guardrail: error rate 12% > 5%");
        assertThat(phases).extracting(WorkerStatus::phase).containsExactly(WorkerPhase.READY,
                WorkerPhase.SCHEDULED, WorkerPhase.RUNNING, WorkerPhase.ABORTED);
    }

    @Test
    void closingMidRunAbortsTheLoadLikeSigterm() {
        startWorker("close-run", "{model: closed, gracefulStop: 30s, stages: [{duration: 60s, users: 4}]}");
        assertThat(client.start(System.currentTimeMillis()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> simulator.groundTruth().size() > 5);

        long before = System.nanoTime();
        worker.close();
        long closedAt = System.nanoTime();

        assertThat(Duration.ofNanos(closedAt - before)).isLessThan(Duration.ofSeconds(5));
        assertThat(worker.status().phase()).isEqualTo(WorkerPhase.ABORTED);
        assertThat(worker.status().message()).isEqualTo("aborted: runner shutting down");
        assertThat(worker.released()).isDone();
        int settled = simulator.groundTruth().size();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3))
                .until(() -> simulator.groundTruth().size() == settled);
        assertThat(simulator.groundTruth().all()).extracting(RequestTruth::arrivalNanos)
                .allMatch(arrival -> arrival < closedAt);
    }

    @Test
    void abortBeforeStartMarksAbortedAndNeverStarts() {
        startWorker("abort-early", "{model: closed, stages: [{duration: 2s, users: 2}]}");

        ControlClient.Response aborted = client.post("/v1/abort", "");
        assertThat(aborted.status()).isEqualTo(200);
        assertThat(aborted.as(WorkerStatus.class))
                .isEqualTo(new WorkerStatus(WorkerPhase.ABORTED, 0, 1, null, "aborted: aborted by the operator"));
        ControlClient.Response start = client.start(System.currentTimeMillis());
        assertThat(start.status()).isEqualTo(409);
        assertThat(start.message()).isEqualTo("cannot start: aborted before the start (aborted by the operator)");

        RunData result = client.result();
        assertThat(result.aborted()).isTrue();
        assertThat(result.abortReason()).isEqualTo("aborted by the operator");
        assertThat(ControlClient.requests(result)).isZero();
        assertThat(simulator.groundTruth().size()).isZero();
        assertThat(worker.status().phase()).isEqualTo(WorkerPhase.ABORTED);
    }

    @Test
    void abortWhileScheduledIsFinalEvenWhenTheStartTimeComes() {
        startWorker("abort-scheduled", "{model: closed, stages: [{duration: 2s, users: 2}]}");
        // The start time must still be ahead when the abort arrives: on a loaded machine two HTTP calls can take
        // longer than a few hundred milliseconds (then the run has legitimately begun, and this test said nothing
        // about the worker). The phase sequence below proves the abort came while SCHEDULED.
        long startAt = System.currentTimeMillis() + 3_000;
        assertThat(client.start(startAt).status()).isEqualTo(202);

        ControlClient.Response aborted = client.post("/v1/abort", "{\"reason\": \"start deadline passed\"}");
        assertThat(aborted.as(WorkerStatus.class))
                .isEqualTo(new WorkerStatus(WorkerPhase.ABORTED, 0, 1, startAt, "aborted: start deadline passed"));
        assertThat(phases).extracting(WorkerStatus::phase)
                .containsExactly(WorkerPhase.READY, WorkerPhase.SCHEDULED, WorkerPhase.ABORTED);

        // Past the start time: still nothing sent, and the engine never started.
        await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() > startAt + 500);
        assertThat(simulator.groundTruth().size()).isZero();
        assertThat(client.start(startAt).status()).isEqualTo(202);
        assertThat(client.state().phase()).isEqualTo(WorkerPhase.ABORTED);
        assertThat(ControlClient.requests(client.result())).isZero();
        assertThat(phases).extracting(WorkerStatus::phase).doesNotContain(WorkerPhase.RUNNING);
    }

    @Test
    void badRequestsGetOneJsonMessageAndChangeNothing() {
        startWorker("bad-requests", "{model: closed, stages: [{duration: 2s, users: 1}]}");

        ControlClient.Response notJson = client.post("/v1/start", "{start: soon");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.message()).startsWith("not valid JSON at line 1");
        ControlClient.Response noTime = client.post("/v1/start", "{}");
        assertThat(noTime.status()).isEqualTo(400);
        assertThat(noTime.message())
                .isEqualTo("startAtEpochMillis: required, a positive whole number (milliseconds since the epoch)");
        assertThat(client.post("/v1/start", "{\"startAtEpochMillis\": \"soon\"}").status()).isEqualTo(400);
        assertThat(client.post("/v1/start", "").message()).isEqualTo("a JSON body is required");
        ControlClient.Response badReason = client.post("/v1/abort", "{\"reason\": 5}");
        assertThat(badReason.status()).isEqualTo(400);
        assertThat(badReason.message()).isEqualTo("reason: expected a string");
        ControlClient.Response unknown = client.get("/v1/nothing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.message()).isEqualTo("no such endpoint: GET /v1/nothing");
        ControlClient.Response wrongMethod = client.get("/v1/start");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.message()).isEqualTo("method GET not allowed on /v1/start");

        assertThat(client.state().phase()).isEqualTo(WorkerPhase.READY);
        assertThat(simulator.groundTruth().size()).isZero();
    }
}
