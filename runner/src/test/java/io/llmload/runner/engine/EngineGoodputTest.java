package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.report.Aggregate;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.llmload.runner.spec.ManifestReader;
import org.junit.jupiter.api.Test;

/** Exact goodput on a simulator run: the engine's count equals a count made from every request's own trace. */
class EngineGoodputTest {

    private static final long E2E_LIMIT_MICROS = 60_000;
    private static final long ITL_LIMIT_MICROS = 50_000;

    @Test
    void goodputCountsExactlyTheRequestsWithinEveryLimit() throws Exception {
        String yaml = EngineRuns.manifest("{model: closed, stages: [{duration: 3s, users: 4}]}",
                "{name: chat, api: chat, prompt: {inputTokens: {value: 32}}, "
                        + "output: {maxTokens: {distribution: uniform, min: 4, max: 64}}}")
                + "  slo: {e2e: {p99: 60ms}, itl: {p95: 50ms}}\n";
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults())) {
            EngineRuns run = EngineRuns.run(yaml, simulator.baseUrl(), 8);
            Aggregate overall = ReportBuilder.build(run.data, ManifestReader.parse(yaml).spec().slo()).overall();

            long good = run.traces.stream().filter(EngineGoodputTest::withinLimits).count();
            long succeeded = run.traces.stream().filter(t -> t.error() == null && !t.interrupted()).count();
            // Short outputs finish within 60 ms, long ones (64 tokens at ~2 ms) do not: both kinds are present.
            assertThat(good).isPositive().isLessThan(succeeded);
            assertThat(overall.succeeded()).isEqualTo(succeeded);
            assertThat(overall.goodput()).isEqualTo(Math.round(good / 3.0 * 1000) / 1000.0);
            assertThat(overall.goodput()).isLessThanOrEqualTo(overall.goodputUpperBound());
        }
    }

    /** The rule, written out independently: E2E and mean ITL (one token per chunk here) within their limits. */
    private static boolean withinLimits(RequestTrace t) {
        if (t.error() != null || t.interrupted()) {
            return false;
        }
        boolean e2e = (t.endNanos() - t.intendedNanos()) / 1_000 <= E2E_LIMIT_MICROS;
        boolean itl = t.chunks() < 2
                || (t.chunkNanos(t.chunks() - 1) - t.firstTokenNanos()) / (t.chunks() - 1) / 1_000 <= ITL_LIMIT_MICROS;
        return e2e && itl;
    }
}
