package io.llmload.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A runner never outlives its use: it gives up waiting for a start signal at the plan's start deadline, and it keeps
 * a finished run's results exactly until the time the start signal gave (not a fixed linger), then exits.
 */
class WorkerDeadlinesTest {

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
    }

    private void startWorker(WorkerPlan plan) {
        // A long linger: any earlier exit below comes from the deadlines, not from it.
        worker = new Worker(plan, 0, null, HOST, Duration.ofMinutes(10)).onPhaseChange(phases::add);
        client = new ControlClient(HOST, worker.start());
    }

    @Test
    void aRunnerNeverToldToStartGivesUpAtTheStartDeadlineAndExitsFailedWithTheReason() throws Exception {
        long deadline = System.currentTimeMillis() + 800;
        startWorker(TestPlans.plan("no-start", simulator.baseUrl(), 1,
                "{model: closed, stages: [{duration: 2s, users: 2}]}", 0).withStartDeadline(deadline));
        assertThat(client.state().phase()).isEqualTo(WorkerPhase.READY);

        WorkerExit exit = worker.released().get(10, TimeUnit.SECONDS);
        assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(deadline);
        String reason = "aborted: no start signal by " + Instant.ofEpochMilli(deadline)
                + " (the plan's start deadline)";
        assertThat(exit).isEqualTo(new WorkerExit(WorkerExit.NOT_STARTED, "not started: " + reason));
        assertThat(client.state()).isEqualTo(new WorkerStatus(WorkerPhase.ABORTED, 0, 1, null, reason));
        // Too late now: a start signal is refused, and nothing was ever sent.
        assertThat(client.start(System.currentTimeMillis()).status()).isEqualTo(409);
        assertThat(simulator.groundTruth().size()).isZero();
        assertThat(phases).extracting(WorkerStatus::phase).containsExactly(WorkerPhase.READY, WorkerPhase.ABORTED);
    }

    @Test
    void aRunnerStartedInTimeIgnoresTheStartDeadline() {
        long deadline = System.currentTimeMillis() + 1_500;
        startWorker(TestPlans.plan("started", simulator.baseUrl(), 1,
                "{model: closed, stages: [{duration: 2500ms, users: 2}]}", 0).withStartDeadline(deadline));
        assertThat(client.start(System.currentTimeMillis()).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(15)).until(() -> client.state().phase() == WorkerPhase.FINISHED);
        assertThat(System.currentTimeMillis()).isGreaterThan(deadline);
        assertThat(phases).extracting(WorkerStatus::phase).containsExactly(WorkerPhase.READY,
                WorkerPhase.SCHEDULED, WorkerPhase.RUNNING, WorkerPhase.FINISHED);
        assertThat(ControlClient.requests(client.result())).isPositive();
    }

    @Test
    void aFinishedRunKeepsItsResultsUntilTheTimeGivenAtTheStartThenExits() throws Exception {
        startWorker(TestPlans.plan("keep", simulator.baseUrl(), 1,
                "{model: closed, stages: [{duration: 500ms, users: 2}]}", 0));
        long keepUntil = System.currentTimeMillis() + 3_000;
        assertThat(client.post("/v1/start", "{\"startAtEpochMillis\": " + System.currentTimeMillis()
                + ", \"keepResultsUntilEpochMillis\": " + keepUntil + "}").status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> client.state().phase() == WorkerPhase.FINISHED);
        // Finished, nobody collected yet: the results are still there.
        long requests = ControlClient.requests(client.result());
        assertThat(requests).isPositive();

        WorkerExit exit = worker.released().get(15, TimeUnit.SECONDS);
        assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(keepUntil);
        assertThat(exit).isEqualTo(new WorkerExit(WorkerExit.OK, "nobody collected the results by "
                + Instant.ofEpochMilli(keepUntil)));
    }

    @Test
    void badKeepResultsUntilIsRefusedWithTheFieldNamed() {
        startWorker(TestPlans.plan("bad-keep", simulator.baseUrl(), 1,
                "{model: closed, stages: [{duration: 1s, users: 1}]}", 0));
        ControlClient.Response refused = client.post("/v1/start", "{\"startAtEpochMillis\": "
                + System.currentTimeMillis() + ", \"keepResultsUntilEpochMillis\": \"later\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.message()).isEqualTo("keepResultsUntilEpochMillis: a positive whole number "
                + "(milliseconds since the epoch), or absent");
        assertThat(client.state().phase()).isEqualTo(WorkerPhase.READY);
    }
}
