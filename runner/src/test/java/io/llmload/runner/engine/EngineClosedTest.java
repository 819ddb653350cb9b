package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.report.RunData;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An engine closed under its callers — a capacity search closes each probe's engine as soon as it ended, while a
 * progress poll or a probe command may be on its way: readers (polls, snapshots) get the final result, never left
 * waiting (a task queued on a closed loop never runs; such a poll used to time out), and an abort is a no-op.
 */
class EngineClosedTest {

    private static final String RUN = EngineRuns.manifest("{model: closed, stages: [{duration: 1s, users: 2}]}",
            "{name: chat, api: chat, prompt: {inputTokens: {value: 16}}, output: {maxTokens: {value: 4}}}");

    @Test
    void readersGetTheFinalResultAndAnAbortChangesNothing() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults())) {
            LoadEngine engine = new LoadEngine(EngineRuns.config(RUN, simulator.baseUrl(), 4));
            RunData result = engine.start().get(30, TimeUnit.SECONDS);
            engine.close();

            // While the loops shut down (a task may still run, or be dropped) and after (it is refused): 30 polls
            // over 3 s, by when a trial found them terminated (without the final result, a RejectedExecutionException).
            for (int poll = 0; poll < 30; poll++) {
                LoadEngine.Changes changes = engine.changesSince(2).get(10, TimeUnit.SECONDS);
                assertThat(changes.data()).as("poll %d", poll).isSameAs(result);
                assertThat(changes.nextInterval()).as("the next poll asks for everything").isNegative();
                assertThat(engine.snapshot().get(10, TimeUnit.SECONDS)).isSameAs(result);
                engine.abort("a probe command that raced the end");
                Thread.sleep(100);
            }
            assertThat(result.aborted()).isFalse();
            assertThat(result.cells().stream().mapToLong(CellData::requests).sum()).isPositive();
        }
    }
}
