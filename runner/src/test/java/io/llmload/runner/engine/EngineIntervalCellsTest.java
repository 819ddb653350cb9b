package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.LatencyMetric;
import io.llmload.runner.plan.PlanResolver;
import io.llmload.runner.report.IntervalCell;
import io.llmload.runner.report.RunData;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.llmload.runner.spec.LlmLoadTest;
import io.llmload.runner.spec.ManifestReader;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Interval cells (kept for spec.autoscaling's windows): one per timeline interval, the requests of measured stages
 * only, and together exactly the measured stages' totals — counts and histograms.
 */
class EngineIntervalCellsTest {

    private static RunData run(boolean keep) throws Exception {
        LlmLoadTest test = ManifestReader.parse(EngineRuns.manifest(
                "{model: closed, warmup: 1s, stages: [{duration: 2s, users: 4}, {duration: 2s, users: 8}]}",
                "{name: chat, api: chat, prompt: {text: hello}, output: {maxTokens: {value: 16}}}"));
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults())) {
            Target target = new Target(URI.create(sim.baseUrl()), "llmload-sim", null, Duration.ofSeconds(30), 16);
            EngineConfig config = EngineConfig.of("cells", PlanResolver.resolve(test.spec().load(), 1.0),
                    test.spec().workload(), target, 3).withIntervalCells(keep);
            return new LoadEngine(config).run();
        }
    }

    @Test
    void theIntervalCellsAddUpToTheMeasuredStages() throws Exception {
        RunData data = run(true);

        assertThat(data.intervals()).hasSameSizeAs(data.timeline());
        CellStats intervals = new CellStats();
        double previous = 0;
        for (IntervalCell cell : data.intervals()) {
            assertThat(cell.offsetSeconds()).isGreaterThan(previous);
            previous = cell.offsetSeconds();
            intervals.add(CellStats.fromData(cell.cell()));
        }
        CellStats measured = new CellStats();
        for (CellData cell : data.cells()) {
            if (!cell.stage().equals("warmup")) {
                measured.add(CellStats.fromData(cell));
            }
        }
        assertThat(measured.requests()).isPositive();
        assertThat(intervals.requests()).isEqualTo(measured.requests());
        assertThat(intervals.outputTokens()).isEqualTo(measured.outputTokens());
        assertThat(intervals.histogram(LatencyMetric.TTFT)).isEqualTo(measured.histogram(LatencyMetric.TTFT));
        assertThat(intervals.histogram(LatencyMetric.E2E)).isEqualTo(measured.histogram(LatencyMetric.E2E));
    }

    @Test
    void withoutAutoscalingNoIntervalCellIsKept() throws Exception {
        assertThat(run(false).intervals()).isEmpty();
    }
}
