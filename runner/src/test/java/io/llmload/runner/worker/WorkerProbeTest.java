package io.llmload.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmload.runner.report.RunData;
import io.llmload.runner.report.StageInfo;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A runner of a capacity search run by the operator: it runs each commanded probe at its share of the total level,
 * reports it done and waits for the next; an aborted probe ends alone; {@code finish} ends the run with every probe
 * as a stage; and a runner left without commands ends by itself at the deadline of its start signal.
 */
class WorkerProbeTest {

    private static final String HOST = "127.0.0.1";
    private static final String SEARCH = "{model: closed, warmup: 300ms, shape: {type: search, from: 4, duration: 700ms, "
            + "maxProbes: 4}}";

    private Simulator simulator;
    private Worker worker;
    private ControlClient client;

    @BeforeEach
    void startSimulator() {
        simulator = Simulator.start(SimulatorConfig.defaults());
    }

    @AfterEach
    void closeAll() {
        if (worker != null) {
            worker.close();
        }
        simulator.close();
    }

    /** Runner {@code index} of {@code runners}, started with this keep-results time (the search's idle deadline). */
    private void start(int index, int runners, long keepResultsUntil) {
        worker = new Worker(TestPlans.plan("search", simulator.baseUrl(), runners, SEARCH, 0), index, null, HOST,
                Duration.ofMinutes(10));
        client = new ControlClient(HOST, worker.start());
        assertThat(client.post("/v1/start", "{\"startAtEpochMillis\": " + System.currentTimeMillis()
                + ", \"keepResultsUntilEpochMillis\": " + keepResultsUntil + "}").status()).isEqualTo(202);
    }

    private ControlClient.Response probe(String stage, double level) {
        return client.post("/v1/probe", "{\"stage\": \"" + stage + "\", \"level\": " + level
                + ", \"startAtEpochMillis\": " + (System.currentTimeMillis() + 100) + "}");
    }

    private ProbeState awaitDone(String stage) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> client.progress().probes().stream()
                .filter(p -> p.stage().equals(stage)).findFirst().orElse(null), p -> p != null && p.done());
    }

    @Test
    void eachProbeRunsAtThisRunnersShareThenFinishMakesEveryProbeAStage() {
        start(1, 2, System.currentTimeMillis() + 60_000);

        assertThat(probe("probe-1", 4).status()).isEqualTo(200);
        // The same command again changes nothing; another level for the same probe is refused.
        ControlClient.Response again = client.post("/v1/probe", "{\"stage\": \"probe-1\", \"level\": 4, "
                + "\"startAtEpochMillis\": " + client.progress().probes().get(0).startAtEpochMillis() + "}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(probe("probe-1", 6).status()).isEqualTo(409);
        assertThat(probe("probe-2", 6).status()).as("one probe at a time").isEqualTo(409);
        ProbeState first = awaitDone("probe-1");
        // Users are dealt round-robin: of 4, runner 1 of 2 has users 1 and 3; of 5, again 2 (users 1 and 3).
        assertThat(first.share()).isEqualTo(2);
        assertThat(first.abortReason()).isNull();
        assertThat(client.state().phase()).as("waits for the next command").isEqualTo(WorkerPhase.RUNNING);

        assertThat(probe("probe-2", 5).status()).isEqualTo(200);
        assertThat(awaitDone("probe-2").share()).isEqualTo(2);
        assertThat(client.post("/v1/probe", "{\"finish\": true}").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(15)).until(() -> client.state().phase() == WorkerPhase.FINISHED);
        RunData result = client.result();
        assertThat(result.aborted()).isFalse();
        assertThat(result.stages()).extracting(StageInfo::name).containsExactly("probe-1-warmup", "probe-1",
                "probe-1-drain", "probe-2-warmup", "probe-2");
        assertThat(result.stages()).filteredOn(s -> !s.warmup()).extracting(StageInfo::level)
                .containsExactly(4.0, 5.0);
        assertThat(result.cells()).filteredOn(c -> c.stage().equals("probe-1")).allSatisfy(c ->
                assertThat(c.requests()).isPositive());
        assertThat(result.cells()).filteredOn(c -> c.stage().equals("probe-2")).allSatisfy(c ->
                assertThat(c.requests()).isPositive());
    }

    @Test
    void anAbortedProbeEndsAloneAndTheRunnerTakesTheNextProbe() {
        start(0, 1, System.currentTimeMillis() + 60_000);
        String longProbe = "{\"stage\": \"probe-1\", \"level\": 2, \"startAtEpochMillis\": "
                + System.currentTimeMillis() + "}";
        assertThat(client.post("/v1/probe", longProbe).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.progress().probes().get(0).state()
                .equals(ProbeState.RUNNING));
        assertThat(client.post("/v1/probe", "{\"stage\": \"probe-1\", \"abort\": \"guardrail abortOnErrorRate: "
                + "error rate 9% > 5% (all 2 runners merged)\"}").status()).isEqualTo(200);

        ProbeState aborted = awaitDone("probe-1");
        assertThat(aborted.abortReason()).isEqualTo("guardrail abortOnErrorRate: error rate 9% > 5% (all 2 runners "
                + "merged)");
        assertThat(client.state().phase()).isEqualTo(WorkerPhase.RUNNING);
        assertThat(probe("probe-2", 1).status()).isEqualTo(200);
        assertThat(awaitDone("probe-2").abortReason()).isNull();
    }

    @Test
    void aRunnerLeftWithoutCommandsEndsItselfAtTheDeadlineOfItsStartSignal() throws Exception {
        long deadline = System.currentTimeMillis() + 1_500;
        start(0, 1, deadline);
        assertThat(probe("probe-1", 1).status()).isEqualTo(200);
        awaitDone("probe-1");

        // No further command: the runner must not wait forever.
        await().atMost(Duration.ofSeconds(20)).until(() -> client.state().phase().ended());
        assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(deadline);
        WorkerStatus status = client.state();
        assertThat(status.phase()).isEqualTo(WorkerPhase.ABORTED);
        assertThat(status.message()).isEqualTo("aborted: no probe command by " + Instant.ofEpochMilli(deadline)
                + " (the run's deadline): the operator is gone");
        // What it measured is kept, and the process exits (its results were kept until that same time).
        assertThat(client.result().stages()).extracting(StageInfo::name).contains("probe-1");
        assertThat(worker.released().get(10, TimeUnit.SECONDS).code()).isEqualTo(WorkerExit.OK);
    }

    @Test
    void probeCommandsAreRefusedBeforeTheStartAndForAPlanThatIsNotASearch() {
        worker = new Worker(TestPlans.plan("search", simulator.baseUrl(), 1, SEARCH, 0), 0, null, HOST);
        client = new ControlClient(HOST, worker.start());
        assertThat(probe("probe-1", 2).status()).isEqualTo(409);
        assertThat(client.post("/v1/probe", "{\"stage\": \"probe-1\"}").status()).as("no level").isEqualTo(400);
        worker.close();

        worker = new Worker(TestPlans.plan("stages", simulator.baseUrl(), 1,
                "{model: closed, stages: [{duration: 1s, users: 1}]}", 0), 0, null, HOST);
        client = new ControlClient(HOST, worker.start());
        assertThat(client.start(System.currentTimeMillis()).status()).isEqualTo(202);
        ControlClient.Response refused = probe("probe-1", 2);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("not a capacity search");
        assertThat(List.of(client.progress().probes() == null)).containsExactly(true);
    }
}
