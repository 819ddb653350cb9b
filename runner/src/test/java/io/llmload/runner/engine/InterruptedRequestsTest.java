package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.plan.PlanResolver;
import io.llmload.runner.report.Aggregate;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.report.RunData;
import io.llmload.runner.simulator.FaultInjection;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.llmload.runner.spec.LlmLoadTest;
import io.llmload.runner.spec.ManifestReader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Requests still under way when a run ends are counted, with how long they had run, whether the graceful stop ran
 * out or the run was aborted; by default the graceful stop is the request timeout, so none is cut only because the
 * plan ended.
 */
@Timeout(60)
class InterruptedRequestsTest {

    private static final String CHAT =
            "{name: chat, api: chat, prompt: {text: 'Count to ten.'}, output: {maxTokens: {value: 4}}}";
    /** Every stream stalls 3 s after its first token. */
    private static final FaultInjection STALL_ALL = new FaultInjection(0, 1, 0, 1.0, 3_000, 0);

    @Test
    void whatTheGracefulStopCutsIsCountedWithTheTimeItHadRun() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withFaults(STALL_ALL))) {
            EngineRuns run = EngineRuns.run(EngineRuns.manifest(
                    "{model: closed, gracefulStop: 500ms, stages: [{duration: 1s, users: 3}]}", CHAT),
                    simulator.baseUrl(), 8);

            assertThat(run.traces).hasSize(3).allSatisfy(t -> {
                assertThat(t.interrupted()).isTrue();
                assertThat(t.chunks()).isPositive(); // the first token came before the stall
            });
            Aggregate overall = ReportBuilder.build(run.data, null).overall();
            assertThat(overall.requests()).isZero();
            assertThat(overall.interrupted()).isEqualTo(3);
            // Sent at the start, cut 1 s + 500 ms later: each ran at least 1.5 s (timers only make it later).
            assertThat(overall.interruptedE2eLowerBoundMs().count()).isEqualTo(3);
            assertThat(overall.interruptedE2eLowerBoundMs().p50()).isGreaterThanOrEqualTo(1_490);
            // Their first tokens arrived: those TTFTs are exact, and short.
            assertThat(overall.interruptedTtftLowerBoundMs().max()).isLessThan(1_000);
            assertThat(overall.judgedErrorRate()).isEqualTo(1.0);
        }
    }

    @Test
    void byDefaultTheGracefulStopWaitsAsLongAsTheRequestTimeout() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withFaults(STALL_ALL))) {
            // No gracefulStop: the stalled streams (3 s) finish within the 30 s request timeout of EngineRuns.
            EngineRuns run = EngineRuns.run(EngineRuns.manifest(
                    "{model: closed, stages: [{duration: 1s, users: 3}]}", CHAT), simulator.baseUrl(), 8);

            assertThat(run.traces).hasSize(3).allSatisfy(t -> {
                assertThat(t.interrupted()).isFalse();
                assertThat(t.error()).isNull();
            });
            assertThat(ReportBuilder.build(run.data, null).overall().interrupted()).isZero();
        }
    }

    @Test
    void anAbortedRunCountsWhatItCutAndReportsRatesOverTheTimeItRan() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withFaults(STALL_ALL))) {
            LlmLoadTest test = ManifestReader.parse(EngineRuns.manifest(
                    "{model: open, arrival: constant, stages: [{duration: 60s, rate: 10}]}", CHAT));
            ConcurrentLinkedQueue<RequestTrace> traces = new ConcurrentLinkedQueue<>();
            EngineConfig config = EngineConfig.of("aborted", PlanResolver.resolve(test.spec().load(), 1.0),
                    test.spec().workload(), new Target(URI.create(simulator.baseUrl()), "llmload-sim", null,
                            Duration.ofSeconds(30), 64), 3).withTraceListener(traces::add);
            LoadEngine engine = new LoadEngine(config);
            RunData data;
            try {
                var result = engine.start();
                Thread.sleep(2_000);
                engine.abort("stopped by the test");
                data = result.get(20, TimeUnit.SECONDS);
            } finally {
                engine.close();
            }

            Report report = ReportBuilder.build(data, null);
            Aggregate stage = report.stages().get(0);
            assertThat(report.outcome()).isEqualTo("aborted");
            // Every request was stalled when the abort came: all were cut, none dropped.
            assertThat(traces).isNotEmpty().allSatisfy(t -> assertThat(t.interrupted()).isTrue());
            assertThat(stage.interrupted()).isEqualTo(traces.size());
            assertThat(stage.interruptedE2eLowerBoundMs().count()).isEqualTo(traces.size());
            // The stage ran ~2 s of its 60: its rate is the 10/s it sent, not 20 requests over 60 s.
            assertThat(stage.durationSeconds()).isBetween(1.9, 10.0);
            double sentPerSecond = stage.interrupted() / stage.durationSeconds();
            assertThat(sentPerSecond).isBetween(5.0, 11.0);
            assertThat(report.verdict()).isEqualTo("Breach");
            List<String> reasons = List.of(data.abortReason());
            assertThat(reasons).containsExactly("stopped by the test");
        }
    }
}
