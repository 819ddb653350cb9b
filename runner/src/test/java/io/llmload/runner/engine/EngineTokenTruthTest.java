package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmload.runner.metrics.Histograms;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.simulator.RequestTruth;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Token truth against the simulator: a server that packs several tokens per chunk is flagged, and ITL stays per
 * token (each chunk gap divided by its tokens) — close to the simulator's per-token decode time, not a multiple of it.
 * Compared as means: on a busy machine the in-process simulator's writes bunch (a few chunks read at once, then a
 * longer gap), which moves the median gap towards 0 (0.64 ms against 2.05 ms seen with two suites at once) but not
 * the mean: a stream's gaps add up to its span however they are split.
 */
class EngineTokenTruthTest {

    private static final String LOAD = "{model: closed, warmup: 2s, stages: [{duration: 3s, users: 2}]}";
    private static final String CHAT = "{name: chat, api: chat, prompt: {inputTokens: {value: 64}}, "
            + "output: {maxTokens: {value: 32}}}";

    @Test
    void fourTokensPerChunkAreFlaggedAndItlIsPerToken() throws Exception {
        Measured m = run(4);
        assertThat(m.report.overall().multiTokenChunkRate()).isEqualTo(1.0);
        assertThat(m.report.overall().multiTokenChunkStreams()).isEqualTo(m.report.overall().succeeded());
        // Per chunk the mean gap would be ~4× the per-token time; per token it is close to it.
        assertThat(m.itlMeanMs).isCloseTo(m.truthMeanMs, within(m.truthMeanMs * 0.5));
    }

    @Test
    void oneTokenPerChunkIsNotFlagged() throws Exception {
        Measured m = run(1);
        assertThat(m.report.overall().multiTokenChunkRate()).isEqualTo(0.0);
        assertThat(m.report.overall().multiTokenChunkStreams()).isZero();
        assertThat(m.itlMeanMs).isCloseTo(m.truthMeanMs, within(m.truthMeanMs * 0.5));
    }

    private static Measured run(int tokensPerChunk) throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withGroundTruth()
                .withTokensPerChunk(tokensPerChunk))) {
            EngineRuns run = EngineRuns.run(EngineRuns.manifest(LOAD, CHAT), simulator.baseUrl(), 8);
            Report report = ReportBuilder.build(run.data, null);
            long measuredFrom = run.traces.stream().mapToLong(RequestTrace::intendedNanos).min().orElseThrow()
                    + 2_000_000_000L;
            Histogram truth = Histograms.create();
            int matched = 0;
            for (RequestTrace trace : run.traces) {
                if (trace.error() != null || trace.interrupted() || trace.intendedNanos() < measuredFrom) {
                    continue;
                }
                RequestTruth t = simulator.groundTruth().find(trace.requestId()).orElseThrow();
                assertThat(trace.outputTokens()).isEqualTo(t.completionTokens()).isEqualTo(32);
                assertThat(trace.chunks()).isEqualTo(32 / tokensPerChunk);
                for (long gap : t.generationGapsNanos()) {
                    Histograms.recordNanos(truth, gap);
                }
                matched++;
            }
            assertThat(matched).isGreaterThan(10);
            assertThat(report.overall().succeeded()).isPositive();
            return new Measured(report, report.overall().itlMs().mean(), truth.getMean() / 1000.0);
        }
    }

    private record Measured(Report report, double itlMeanMs, double truthMeanMs) {
    }
}
