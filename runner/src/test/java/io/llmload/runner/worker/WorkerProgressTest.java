package io.llmload.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Progress is incremental: with the cursor of its previous answer a reader gets only the cells that changed, and
 * replacing its copies of them keeps it exactly equal to the runner's totals. A reader without a cursor (a fresh
 * operator) or with someone else's gets every cell.
 */
class WorkerProgressTest {

    private static final String HOST = "127.0.0.1";
    private static final String LOAD = "{model: closed, warmup: 500ms, stages: [{name: one, duration: 1s, users: 2},"
            + " {name: two, duration: 1s, users: 3}, {name: three, duration: 1s, users: 2}]}";

    private Simulator simulator;
    private Worker worker;
    private ControlClient client;

    @BeforeEach
    void start() {
        simulator = Simulator.start(SimulatorConfig.defaults());
        worker = new Worker(TestPlans.plan("incremental", simulator.baseUrl(), 1, LOAD, 0), 0, null, HOST);
        client = new ControlClient(HOST, worker.start());
    }

    @AfterEach
    void stop() {
        worker.close();
        simulator.close();
    }

    @Test
    void aReaderThatAppliesOnlyTheChangesKeepsTheExactTotalsAndAFreshReaderGetsThemAtOnce() {
        WorkerProgress first = progress(null);
        assertThat(first.full()).isTrue();
        assertThat(first.data().cells()).hasSize(4); // warmup, one, two, three × chat
        Map<String, CellData> copy = new LinkedHashMap<>();
        apply(copy, first);
        String cursor = first.cursor();

        assertThat(client.start(System.currentTimeMillis()).status()).isEqualTo(202);
        int polls = 0;
        int smallest = Integer.MAX_VALUE;
        while (worker.status().phase() != WorkerPhase.FINISHED) {
            WorkerProgress next = progress(cursor);
            assertThat(next.full()).isFalse();
            assertThat(next.data().timeline()).isEmpty();
            smallest = Math.min(smallest, next.data().cells().size());
            apply(copy, next);
            cursor = next.cursor();
            polls++;
            await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> true);
            assertThat(polls).as("the run ends").isLessThan(100);
        }
        WorkerProgress last = progress(cursor);
        apply(copy, last);
        var result = client.result();

        // The replayed copy equals the totals cell for cell, histograms included.
        assertThat(ControlClient.normalized(List.copyOf(copy.values())))
                .isEqualTo(ControlClient.normalized(result.cells()));
        assertThat(ControlClient.requests(result)).isPositive();
        // Incremental: while one stage ran, the others' cells did not come back.
        assertThat(smallest).isLessThan(4);
        // After the end, nothing changes any more.
        assertThat(progress(last.cursor()).data().cells()).isEmpty();

        // A fresh reader, or one holding another runner's cursor, gets everything.
        WorkerProgress fresh = progress(null);
        assertThat(fresh.full()).isTrue();
        assertThat(ControlClient.normalized(fresh.data().cells())).isEqualTo(ControlClient.normalized(result.cells()));
        WorkerProgress foreign = progress("0123abcd:" + 1);
        assertThat(foreign.full()).isTrue();
        assertThat(ControlClient.normalized(foreign.data().cells()))
                .isEqualTo(ControlClient.normalized(result.cells()));
        assertThat(client.get("/v1/progress?since=garbage").as(WorkerProgress.class).full()).isTrue();
    }

    private WorkerProgress progress(String since) {
        ControlClient.Response response = client.get("/v1/progress" + (since == null ? "" : "?since=" + since));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.as(WorkerProgress.class);
    }

    private static void apply(Map<String, CellData> copy, WorkerProgress progress) {
        if (progress.full()) {
            copy.clear();
        }
        progress.data().cells().forEach(cell -> copy.put(cell.stage() + "/" + cell.requestType(), cell));
    }
}
