package io.llmload.runner.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.report.RunData;
import io.llmload.runner.report.StageInfo;
import io.llmload.runner.spec.PercentileTargets;
import io.llmload.runner.spec.SloSpec;
import io.llmload.runner.slo.Goodput;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact goodput: which synthetic requests count as good under known per-request limits. */
class GoodputCountTest {

    private static final long T0 = 7_000_000_000L;
    private static final long MS = 1_000_000L;

    /** ttft ≤ 100 ms, mean ITL ≤ 20 ms, TPOT ≤ 30 ms, E2E ≤ 1 s. */
    private static final SloSpec SLO = new SloSpec(new PercentileTargets(null, null, "100ms", null),
            new PercentileTargets("10ms", null, "20ms", null), new PercentileTargets(null, null, null, "30ms"),
            new PercentileTargets(null, null, null, "1s"), "1%", null);

    /** A stream: first chunk at ttft, then chunks every gap (each carrying `perChunk` client tokens), end at e2e. */
    private static RequestTrace stream(long ttftMs, int chunks, long gapMs, int perChunk, long e2eMs) {
        RequestTrace t = new RequestTrace("s", 0, T0, true, 10);
        t.sent(T0);
        for (int i = 0; i < chunks; i++) {
            t.content(T0 + (ttftMs + i * gapMs) * MS, perChunk);
        }
        t.usage(10, chunks * perChunk);
        t.succeeded(T0 + e2eMs * MS);
        return t;
    }

    private static RequestTrace plain(long e2eMs) {
        RequestTrace t = new RequestTrace("p", 0, T0, false, 10);
        t.sent(T0);
        t.output(20);
        t.succeeded(T0 + e2eMs * MS);
        return t;
    }

    @Test
    void thresholdsAreTheLargestTargetOfEachMetric() {
        GoodputThresholds limits = Goodput.thresholds(SLO);
        assertThat(limits).isEqualTo(new GoodputThresholds(100_000, 20_000, 30_000, 1_000_000));
        assertThat(Goodput.thresholds(null)).isEqualTo(GoodputThresholds.NONE);
    }

    @Test
    void aRequestIsGoodOnlyWhenItMetEveryLimitAtOnce() {
        GoodputThresholds limits = Goodput.thresholds(SLO);
        CellStats cell = new CellStats();
        // Good: TTFT 50, ITL 15, TPOT (50+9·15 → 200 ms end: (200−50)/9 = 16.7), E2E 200.
        cell.record(stream(50, 10, 15, 1, 200), limits);
        // Good at exactly every limit: TTFT 100 ms, ITL 20 ms, E2E 1 s (TPOT (1000−100)/30 = 30 ms).
        cell.record(stream(100, 31, 20, 1, 1_000), limits);
        // TTFT 101 ms: one limit missed.
        cell.record(stream(101, 10, 15, 1, 300), limits);
        // Mean ITL 25 ms; TPOT (280−50)/9 = 25.6 ms is within.
        cell.record(stream(50, 10, 25, 1, 280), limits);
        // E2E 1.2 s with everything else within: ITL 20 ms, TPOT 1100/39 = 28.2 ms.
        cell.record(stream(100, 40, 20, 1, 1_200), limits);
        // 4 tokens per chunk, chunks 60 ms apart: per token 15 ms — good; per chunk it would miss ITL.
        cell.record(stream(50, 5, 60, 4, 350), limits);
        // Non-streamed, E2E 500 ms: TTFT/ITL/TPOT do not apply — good.
        cell.record(plain(500), limits);
        // Non-streamed, E2E 1.5 s.
        cell.record(plain(1_500), limits);
        // Errors and interrupted requests are never good.
        RequestTrace failed = new RequestTrace("e", 0, T0, true, 10);
        failed.failed(T0 + 5 * MS, ErrorClass.SERVER, "boom");
        cell.record(failed, limits);
        RequestTrace cut = new RequestTrace("c", 0, T0, true, 10);
        cut.interrupted(T0 + 5 * MS);
        cell.record(cut, limits);

        assertThat(cell.succeeded()).isEqualTo(8);
        assertThat(cell.goodRequests()).isEqualTo(4);

        // Survives serialization and merges by adding.
        CellStats merged = CellStats.fromData(cell.toData("s", "t"));
        merged.add(cell);
        assertThat(merged.goodRequests()).isEqualTo(8);

        // In the report: 4 good over a 10 s stage, never above the histogram bound.
        RunData data = new RunData("g", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z", "closed", "users", "sim",
                "m", 1, List.of(new StageInfo("s", 4, 10, false)), List.of("t"), List.of(cell.toData("s", "t")),
                List.of(), false, null);
        Report report = ReportBuilder.build(data, SLO);
        assertThat(report.stages().get(0).goodput()).isEqualTo(0.4);
        assertThat(report.overall().goodput()).isEqualTo(0.4);
        assertThat(report.overall().goodput()).isLessThanOrEqualTo(report.overall().goodputUpperBound());
    }

    @Test
    void withoutLimitsEverySuccessIsGood() {
        CellStats cell = new CellStats();
        cell.record(stream(5_000, 3, 900, 1, 9_000));
        cell.record(plain(20_000));
        assertThat(cell.goodRequests()).isEqualTo(2);
    }
}
