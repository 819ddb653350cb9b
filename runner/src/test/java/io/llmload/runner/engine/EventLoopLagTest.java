package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.Histograms;
import io.llmload.runner.report.EngineData;
import io.llmload.runner.report.EngineReport;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The engine measures its own event loops, and says so when they ran late: then the generator was slow. */
class EventLoopLagTest {

    @Test
    void aDeliberatelyBlockedLoopShowsAsLagAndTheReportWarnsThatTheGeneratorWasSlow() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults())) {
            // Progress is reported on the control loop; this listener holds it 100 ms every second.
            // A thread per loop, on any machine: the report must say which kind of loop was late.
            EngineRuns run = EngineRuns.withSharedLoop(false, () -> EngineRuns.run(EngineRuns.manifest(
                    "{model: closed, stages: [{duration: 3s, users: 2}]}",
                    "{name: chat, api: chat, prompt: {text: hi}, output: {maxTokens: {value: 4}}}"),
                    simulator.baseUrl(), 4, progress -> sleep(100)));

            Histogram lag = run.data.engine().lag();
            assertThat(run.data.engine().eventLoops()).isGreaterThanOrEqualTo(2); // the control loop and a lane
            assertThat(lag.getMaxValue()).isGreaterThanOrEqualTo(90_000); // µs: one tick waited the whole block
            Report report = ReportBuilder.build(run.data, null);
            EngineReport engine = (EngineReport) report.run().get("engine");
            assertThat(engine.eventLoopLagMs().p99()).isGreaterThan(EngineReport.LAG_P99_LIMIT_MS);
            assertThat(engine.warning()).startsWith("event-loop lag p99 ")
                    .contains("the load generator, not the server, was slow");
            assertThat(EngineReport.warning(report.run())).isEqualTo(engine.warning());
            // The block was on the control loop, and the report says which loop: its own lag holds the 100 ms waits.
            assertThat(run.data.engine().controlLag().getMaxValue()).isGreaterThanOrEqualTo(90_000);
            assertThat(engine.controlLoopLagMs().p99()).isGreaterThan(EngineReport.LAG_P99_LIMIT_MS);
            assertThat(engine.ioLoopLagMs().count()).isPositive();
            assertThat(engine.warning()).contains("(control loop ", " ms, I/O loops ");
        }
    }

    @Test
    void theWarningNamesTheLateLoopAndEveryLoopsLagIsTheMergeOfBoth() {
        Histogram control = Histograms.create();
        control.recordValueWithCount(100, 900); // µs
        control.recordValueWithCount(20_000, 100);
        Histogram io = Histograms.create();
        io.recordValueWithCount(200, 1000);

        EngineData data = EngineData.of(2, control, io);
        assertThat(data.lag().getTotalCount()).isEqualTo(2000);
        EngineReport report = EngineReport.of(data);
        assertThat(report.controlLoopLagMs().p99()).isCloseTo(20.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(report.ioLoopLagMs().p99()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.01));
        assertThat(report.warning()).startsWith("event-loop lag p99 20.0 ms > 1 ms (control loop 20.0 ms, I/O loops "
                + "0.2 ms): the load generator").contains("the control loop (load drivers");

        // The same lag on the I/O loops: the usual advice, and runners merge by kind.
        EngineReport lanes = EngineReport.of(EngineData.of(2, io, control).plus(EngineData.of(2, io, control)));
        assertThat(lanes.eventLoops()).isEqualTo(4);
        assertThat(lanes.ioLoopLagMs().count()).isEqualTo(2000);
        assertThat(lanes.warning()).endsWith("give the runner more CPU or spread the load over more runners");

        // A runner that did not split its lag (older): the merge keeps every loop's, not a partial split.
        EngineData mixed = EngineData.of(2, control, io).plus(unsplit(2, io));
        assertThat(mixed.lag().getTotalCount()).isEqualTo(3000);
        assertThat(mixed.controlLag()).isNull();
        assertThat(EngineReport.of(mixed).warning()).startsWith("event-loop lag p99 20.0 ms > 1 ms: the load");
    }

    @Test
    void theWarningComesAboveOneMillisecondAtTheNinetyNinthPercentile() {
        Histogram quiet = Histograms.create();
        quiet.recordValueWithCount(100, 990); // µs
        quiet.recordValueWithCount(900, 10);
        assertThat(EngineReport.of(unsplit(3, quiet)).warning()).isNull();

        Histogram late = Histograms.create();
        late.recordValueWithCount(100, 980);
        late.recordValueWithCount(5_000, 20);
        EngineReport report = EngineReport.of(unsplit(3, late));
        assertThat(report.eventLoopLagMs().p99()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(report.warning()).startsWith("event-loop lag p99 5.0 ms > 1 ms");
    }

    /** What an older runner sent: every loop's lag, not split by kind. */
    private static EngineData unsplit(int eventLoops, Histogram lagMicros) {
        return new EngineData(eventLoops, Histograms.encode(lagMicros), null, null);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
