package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.Histograms;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.report.EngineData;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The engine's threads: a loop each for control and every lane, or, on one processor, one loop they share. */
class EngineLoopsTest {

    @Test
    void eachLoopHasAThreadOfItsOwnAndItsLagIsSplitByKind() throws Exception {
        try (EngineLoops loops = new EngineLoops(2, false)) {
            List<Thread> threads = threadsOf(loops);
            assertThat(threads).doesNotHaveDuplicates().hasSize(3);
            assertThat(loops.loopCount()).isEqualTo(3);

            EngineData data = loops.engineData(lag(100, 10), lag(300, 20));
            assertThat(data.eventLoops()).isEqualTo(3);
            assertThat(data.controlLag().getTotalCount()).isEqualTo(10);
            assertThat(data.ioLag().getTotalCount()).isEqualTo(20);
            assertThat(data.lag().getTotalCount()).isEqualTo(30);
        }
    }

    @Test
    void aSharedLoopRunsTheControlLoopAndEveryLaneOnOneThreadWithOneProbe() throws Exception {
        try (EngineLoops loops = new EngineLoops(2, true)) {
            List<Thread> threads = threadsOf(loops);
            assertThat(threads).hasSize(3).containsOnly(threads.get(0));
            assertThat(loops.lanes().get(0)).isNotSameAs(loops.control()); // contexts stay apart
            assertThat(loops.loopCount()).isEqualTo(1);
            assertThat(loops.laneLagInterval(Histograms.create()).getTotalCount()).isZero();

            // One thread's lag: counted once, and not attributed to a kind of loop it did not have alone.
            EngineData data = loops.engineData(lag(100, 10), Histograms.create());
            assertThat(data.eventLoops()).isEqualTo(1);
            assertThat(data.lag().getTotalCount()).isEqualTo(10);
            assertThat(data.controlLag()).isNull();
            assertThat(data.ioLag()).isNull();
        }
    }

    @Test
    void onOneSharedLoopEveryRequestIsSentStreamedAndRecorded() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults())) {
            String chat = "{name: chat, api: chat, prompt: {text: hello}, output: {maxTokens: {value: 4}}}";
            EngineRuns open = EngineRuns.withSharedLoop(true, () -> EngineRuns.run(EngineRuns.manifest(
                    "{model: open, arrival: constant, stages: [{duration: 2s, rate: 20}]}", chat),
                    simulator.baseUrl(), 8));
            assertThat(open.traces).hasSize(40).allSatisfy(EngineLoopsTest::streamedFourTokens);
            assertThat(open.data.engine().eventLoops()).isEqualTo(1);
            assertThat(open.data.engine().lag().getTotalCount()).isPositive();
            assertThat(open.data.engine().controlLag()).isNull();

            // The closed model's users wait on the control loop's timers between requests: on one thread too.
            EngineRuns closed = EngineRuns.withSharedLoop(true, () -> EngineRuns.run(EngineRuns.manifest(
                    "{model: closed, thinkTime: 50ms, stages: [{duration: 2s, users: 2}]}", chat),
                    simulator.baseUrl(), 2));
            assertThat(closed.traces).hasSizeGreaterThanOrEqualTo(4).allSatisfy(EngineLoopsTest::streamedFourTokens);
            assertThat(closed.data.engine().eventLoops()).isEqualTo(1);
        }
    }

    private static void streamedFourTokens(RequestTrace trace) {
        assertThat(trace.error()).isNull();
        assertThat(trace.interrupted()).isFalse();
        assertThat(trace.chunks()).isEqualTo(4);
        assertThat(trace.outputTokens()).isEqualTo(4);
        assertThat(trace.sendNanos()).isGreaterThanOrEqualTo(trace.intendedNanos());
    }

    /** The thread each of the control loop and the lanes runs its tasks on, control first. */
    private static List<Thread> threadsOf(EngineLoops loops) throws Exception {
        List<Context> contexts = new ArrayList<>();
        contexts.add(loops.control());
        contexts.addAll(loops.lanes());
        List<Thread> threads = new ArrayList<>();
        for (Context context : contexts) {
            CompletableFuture<Thread> thread = new CompletableFuture<>();
            context.runOnContext(v -> thread.complete(Thread.currentThread()));
            threads.add(thread.get(10, TimeUnit.SECONDS));
        }
        return threads;
    }

    private static Histogram lag(long micros, long count) {
        Histogram lag = Histograms.create();
        lag.recordValueWithCount(micros, count);
        return lag;
    }
}
