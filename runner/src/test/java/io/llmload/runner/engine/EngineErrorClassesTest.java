package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.ErrorClass;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.simulator.FaultInjection;
import io.llmload.runner.simulator.RequestTruth;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Under fault injection every request is classified exactly as the simulator says it failed. */
class EngineErrorClassesTest {

    private static final Map<String, ErrorClass> EXPECTED = Map.of(
            "rate_limited", ErrorClass.RATE_LIMITED,
            "server_error", ErrorClass.SERVER,
            "malformed", ErrorClass.PROTOCOL);

    @Test
    void faultsAreCountedByClassExactlyAndRetryAfterIsKept() throws Exception {
        FaultInjection faults = new FaultInjection(0.15, 7, 0.1, 0.0, 0, 0.1);
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withGroundTruth()
                .withFaults(faults).withSeed(3))) {
            EngineRuns run = EngineRuns.run(EngineRuns.manifest(
                    "{model: closed, stages: [{duration: 2s, users: 4}]}",
                    "{name: chat, api: chat, prompt: {text: 'Count to ten.'}, output: {maxTokens: {value: 8}}}"),
                    simulator.baseUrl(), 8);

            int[] expected = new int[ErrorClass.values().length];
            int[] observed = new int[ErrorClass.values().length];
            int succeeded = 0;
            for (RequestTrace trace : run.traces) {
                RequestTruth truth = simulator.groundTruth().find(trace.requestId()).orElseThrow();
                ErrorClass want = truth.fault() == null ? null : EXPECTED.get(truth.fault());
                assertThat(trace.error()).as("request %s with fault %s", trace.requestId(), truth.fault())
                        .isEqualTo(want);
                if (want != null) {
                    expected[want.ordinal()]++;
                } else {
                    succeeded++;
                }
                if (trace.error() != null) {
                    observed[trace.error().ordinal()]++;
                }
                if (trace.error() == ErrorClass.RATE_LIMITED) {
                    assertThat(trace.retryAfterSeconds()).isEqualTo(7.0);
                }
            }
            assertThat(observed).isEqualTo(expected);
            assertThat(expected[ErrorClass.RATE_LIMITED.ordinal()]).isPositive();
            assertThat(expected[ErrorClass.SERVER.ordinal()]).isPositive();
            assertThat(expected[ErrorClass.PROTOCOL.ordinal()]).isPositive();

            Report report = ReportBuilder.build(run.data, null);
            assertThat(report.overall().requests()).isEqualTo(run.traces.size());
            assertThat(report.overall().succeeded()).isEqualTo(succeeded);
            assertThat(report.overall().errors().rateLimited()).isEqualTo(expected[ErrorClass.RATE_LIMITED.ordinal()]);
            assertThat(report.overall().errors().server()).isEqualTo(expected[ErrorClass.SERVER.ordinal()]);
            assertThat(report.overall().errors().protocol()).isEqualTo(expected[ErrorClass.PROTOCOL.ordinal()]);
            assertThat(report.overall().errors().total()).isEqualTo(run.traces.size() - succeeded);
            assertThat(report.overall().meanRetryAfterSeconds()).isEqualTo(7.0);
        }
    }

    @Test
    void refusedConnectionsAreConnectionErrors() throws Exception {
        // Port 1 on loopback: nothing listens there.
        EngineRuns run = EngineRuns.run(EngineRuns.manifest(
                "{model: open, arrival: constant, stages: [{duration: 1s, rate: 10}]}",
                "{name: chat, api: chat, prompt: {text: hi}}"), "http://127.0.0.1:1", 4);
        assertThat(run.traces).hasSize(10);
        assertThat(run.traces).allSatisfy(t -> assertThat(t.error()).isEqualTo(ErrorClass.CONNECTION));
    }
}
