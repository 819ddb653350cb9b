package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.Histograms;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.simulator.RequestTruth;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.llmload.runner.simulator.SimulatorProfile;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The engine's measurements against the simulator's ground truth: what the client measured must be what the server
 * did, within 2 ms at the median (loopback and event-loop hand-offs are the only difference).
 */
class EngineAccuracyTest {

    private static final long TOLERANCE_MICROS = 2_000;

    @Test
    void streamedTtftAndItlMatchSimulatorGroundTruthAtTheMedian() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withProfile(SimulatorProfile.tiny()))) {
            EngineRuns run = EngineRuns.run(EngineRuns.manifest(
                    "{model: closed, warmup: 3s, stages: [{duration: 3s, users: 3}]}",
                    "{name: chat, api: chat, prompt: {inputTokens: {value: 64}}, output: {maxTokens: {value: 32}}}"),
                    simulator.baseUrl(), 8);

            Histogram clientTtft = Histograms.create();
            Histogram truthTtft = Histograms.create();
            Histogram clientItl = Histograms.create();
            Histogram truthItl = Histograms.create();
            int matched = 0;
            long measuredFrom = run.traces.stream().mapToLong(RequestTrace::intendedNanos).min().orElseThrow()
                    + 3_000_000_000L;
            for (RequestTrace trace : run.traces) {
                // Warmup (JIT compilation of both sides) is excluded, as it is from reports.
                if (trace.error() != null || trace.interrupted() || trace.intendedNanos() < measuredFrom) {
                    continue;
                }
                RequestTruth truth = simulator.groundTruth().find(trace.requestId()).orElseThrow();
                assertThat(trace.chunks()).as("content chunks of %s", trace.requestId())
                        .isEqualTo(truth.completionTokens()).isEqualTo(32);
                assertThat(trace.outputTokens()).isEqualTo(truth.completionTokens());
                assertThat(trace.inputTokens()).isEqualTo(truth.promptTokens());
                Histograms.recordNanos(clientTtft, trace.firstTokenNanos() - trace.intendedNanos());
                Histograms.recordNanos(truthTtft, truth.ttftNanos());
                for (int i = 1; i < trace.chunks(); i++) {
                    Histograms.recordNanos(clientItl, trace.chunkNanos(i) - trace.chunkNanos(i - 1));
                }
                for (long gap : truth.interTokenGapsNanos()) {
                    Histograms.recordNanos(truthItl, gap);
                }
                matched++;
            }

            assertThat(matched).isGreaterThan(20);
            assertThat(clientTtft.getValueAtPercentile(50))
                    .isCloseTo(truthTtft.getValueAtPercentile(50), org.assertj.core.data.Offset.offset(TOLERANCE_MICROS));
            assertThat(clientItl.getValueAtPercentile(50))
                    .isCloseTo(truthItl.getValueAtPercentile(50), org.assertj.core.data.Offset.offset(TOLERANCE_MICROS));
            // The client never sees a token before the server sent it.
            assertThat(clientTtft.getValueAtPercentile(50)).isGreaterThanOrEqualTo(truthTtft.getValueAtPercentile(50) - 100);
        }
    }
}
