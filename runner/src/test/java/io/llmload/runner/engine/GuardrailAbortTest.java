package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.simulator.FaultInjection;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Guardrails stop a real run against the simulator: the bound is "all load stops within 5 s" of the
 * guardrail's condition appearing. The measured times are printed for the record.
 */
// A run that fails to stop must fail the test, not hang the build.
@Timeout(30)
class GuardrailAbortTest {

    private static final String CHAT =
            "{name: chat, api: chat, prompt: {text: 'Count to ten.'}, output: {maxTokens: {value: 16}}}";
    private static final long FIVE_SECONDS = 5_000_000_000L;
    /** Time between the abort and the engine's last progress callback, which runs in the same event-loop task. */
    private static final long SLACK_NANOS = 50_000_000L;

    @Test
    void serverErrorsAbortTheRunWithinFiveSecondsOfTheFirstFailure() throws Exception {
        FaultInjection halfFail = new FaultInjection(0, 1, 0.5, 0, 0, 0);
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withFaults(halfFail))) {
            AtomicLong lastProgress = new AtomicLong();
            long started = System.nanoTime();
            EngineRuns run = EngineRuns.run(withGuardrails(
                    "{model: closed, stages: [{duration: 60s, users: 8}]}",
                    "{abortOnErrorRate: 5%, window: 5s}"), simulator.baseUrl(), 16,
                    p -> lastProgress.set(System.nanoTime()));
            long ended = System.nanoTime();

            assertThat(run.data.aborted()).isTrue();
            assertThat(run.data.abortReason())
                    .startsWith("guardrail abortOnErrorRate: error rate ")
                    .endsWith(" > 5%");
            long firstFailure = run.traces.stream().filter(t -> t.error() != null)
                    .mapToLong(RequestTrace::endNanos).min().orElseThrow();
            assertThat(ended - firstFailure).as("first failure to end of run").isLessThanOrEqualTo(FIVE_SECONDS);
            // The last progress callback runs right after the abort: nothing may be started after it.
            long latestStart = run.traces.stream().mapToLong(RequestTrace::intendedNanos).max().orElseThrow();
            assertThat(latestStart).isLessThanOrEqualTo(lastProgress.get() + SLACK_NANOS);
            System.out.printf("guardrail abortOnErrorRate: first failure %.2fs after the start, load stopped %.2fs "
                    + "after it (run returned %.2fs after it): %s%n", (firstFailure - started) / 1e9,
                    (lastProgress.get() - firstFailure) / 1e9, (ended - firstFailure) / 1e9, run.data.abortReason());
        }
    }

    @Test
    void maxDurationEndsTheRunOnTime() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults())) {
            long started = System.nanoTime();
            EngineRuns run = EngineRuns.run(withGuardrails(
                    "{model: closed, stages: [{duration: 60s, users: 2}]}", "{maxDuration: 2s}"),
                    simulator.baseUrl(), 4, null);
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(run.data.aborted()).isTrue();
            assertThat(run.data.abortReason()).isEqualTo("guardrail maxDuration: the load reached its limit of 2s");
            assertThat(seconds).isBetween(2.0, 3.5);
            System.out.printf("guardrail maxDuration 2s: run returned after %.2fs%n", seconds);
        }
    }

    @Test
    void slowFirstTokensTripTheTtftGuardrail() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults())) {
            // Every first token takes longer than 1 ms: the rule trips as soon as 20 requests finished.
            EngineRuns run = EngineRuns.run(withGuardrails(
                    "{model: closed, stages: [{duration: 60s, users: 8}]}", "{abortOnTtftP99: 1ms, window: 5s}"),
                    simulator.baseUrl(), 16, null);

            assertThat(run.data.aborted()).isTrue();
            assertThat(run.data.abortReason())
                    .matches("guardrail abortOnTtftP99: p99 TTFT \\d+ms \\(\\d+ streamed requests\\) "
                            + "over the last [1-5]s > 1ms");
        }
    }

    @Test
    void aHealthyRunIsNotAborted() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults())) {
            EngineRuns run = EngineRuns.run(withGuardrails(
                    "{model: closed, stages: [{duration: 2s, users: 4}]}",
                    "{abortOnErrorRate: 1%, window: 5s, abortOnTtftP99: 10s, maxDuration: 1h}"),
                    simulator.baseUrl(), 8, null);

            assertThat(run.data.aborted()).isFalse();
            assertThat(run.data.abortReason()).isNull();
            assertThat(run.traces).isNotEmpty().allSatisfy(t -> assertThat(t.error()).isNull());
        }
    }

    private static String withGuardrails(String load, String guardrails) {
        return EngineRuns.manifest(load, CHAT) + "  guardrails: " + guardrails + "\n";
    }
}
