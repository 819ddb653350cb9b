package io.llmload.runner.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MetricsCollectorTest {

    private static final List<String> STAGES = List.of("warmup", "light", "heavy");
    private static final List<String> TYPES = List.of("short", "long");

    @Test
    void intervalsSumToTheTotalsInEveryCell() {
        MetricsCollector collector = new MetricsCollector(STAGES, TYPES);
        List<RequestTrace> traces = CellStatsTest.randomTraces(31, 3_000);
        CellStats[][] expected = new CellStats[STAGES.size()][TYPES.size()];
        CellStats[][] intervalSums = new CellStats[STAGES.size()][TYPES.size()];
        for (int s = 0; s < STAGES.size(); s++) {
            for (int t = 0; t < TYPES.size(); t++) {
                expected[s][t] = new CellStats();
                intervalSums[s][t] = new CellStats();
            }
        }
        SplittableRandom random = new SplittableRandom(8);
        int flips = 0;
        for (int i = 0; i < traces.size(); i++) {
            RequestTrace trace = traces.get(i);
            int stage = random.nextInt(STAGES.size());
            collector.record(stage, trace);
            expected[stage][trace.typeIndex()].record(trace);
            if (i % 250 == 249) {
                MetricsCollector.Interval interval = collector.flip();
                flips++;
                for (int s = 0; s < STAGES.size(); s++) {
                    for (int t = 0; t < TYPES.size(); t++) {
                        intervalSums[s][t].add(interval.cell(s, t));
                    }
                }
            }
        }
        assertThat(flips).isEqualTo(12);

        List<CellData> totals = collector.totalsData();
        assertThat(totals).hasSize(6);
        assertThat(totals).extracting(c -> c.stage() + "/" + c.requestType()).containsExactly("warmup/short",
                "warmup/long", "light/short", "light/long", "heavy/short", "heavy/long");
        long requests = 0;
        long interrupted = 0;
        for (int s = 0; s < STAGES.size(); s++) {
            for (int t = 0; t < TYPES.size(); t++) {
                CellStats total = CellStats.fromData(totals.get(s * TYPES.size() + t));
                CellStatsTest.assertSameStats(intervalSums[s][t], total);
                CellStatsTest.assertSameStats(total, expected[s][t]);
                requests += total.requests();
                interrupted += total.interrupted();
            }
        }
        assertThat(requests + interrupted).isEqualTo(3_000);
    }

    @Test
    void requestsAfterTheLastFlipReachTheTotalsOnlyAtTheNextFlip() {
        MetricsCollector collector = new MetricsCollector(List.of("a"), List.of("x"));
        RequestTrace trace = CellStatsTest.randomTraces(1, 20).stream().filter(t -> t.error() == null
                && !t.interrupted() && t.typeIndex() == 0).findFirst().orElseThrow();
        collector.record(0, trace);
        assertThat(collector.totalsData().get(0).requests()).isZero();
        MetricsCollector.Interval first = collector.flip();
        assertThat(first.cell(0, 0).requests()).isEqualTo(1);
        assertThat(collector.totalsData().get(0).requests()).isEqualTo(1);
        MetricsCollector.Interval empty = collector.flip();
        assertThat(empty.cell(0, 0).requests()).isZero();
        assertThat(empty.merged().requests()).isZero();
        assertThat(collector.totalsData().get(0).requests()).isEqualTo(1);
    }

    @Test
    void aSnapshotIncludesTheOpenIntervalWithoutClosingIt() {
        MetricsCollector collector = new MetricsCollector(List.of("a", "b"), List.of("x", "y"));
        List<RequestTrace> traces = CellStatsTest.randomTraces(12, 300);
        CellStats expectedA = new CellStats();
        for (int i = 0; i < traces.size(); i++) {
            collector.record(0, traces.get(i));
            expectedA.record(traces.get(i));
            if (i == 149) {
                collector.flip();
            }
        }
        List<CellData> snapshot = collector.snapshotData();
        assertThat(snapshot).extracting(c -> c.stage() + "/" + c.requestType()).containsExactly("a/x", "a/y", "b/x",
                "b/y");
        CellStats a = CellStats.fromData(snapshot.get(0));
        a.add(CellStats.fromData(snapshot.get(1)));
        CellStatsTest.assertSameStats(a, expectedA);
        assertThat(snapshot.get(2).requests() + snapshot.get(3).requests()).isZero();
        // the open interval is still open: the totals hold only the first 150 requests until the next flip
        long totalsNow = collector.totalsData().stream().mapToLong(c -> c.requests() + c.interrupted()).sum();
        assertThat(totalsNow).isEqualTo(150);
        MetricsCollector.Interval second = collector.flip();
        assertThat(second.merged().requests() + second.merged().interrupted()).isEqualTo(150);
        long totalsAfter = collector.totalsData().stream().mapToLong(c -> c.requests() + c.interrupted()).sum();
        assertThat(totalsAfter).isEqualTo(300);
    }

    @Test
    void stageTotalAndIntervalMergeAddUpTheRequestTypes() {
        MetricsCollector collector = new MetricsCollector(STAGES, TYPES);
        List<RequestTrace> traces = CellStatsTest.randomTraces(4, 400);
        CellStats lightAll = new CellStats();
        CellStats everything = new CellStats();
        for (int i = 0; i < traces.size(); i++) {
            int stage = i % 3;
            collector.record(stage, traces.get(i));
            everything.record(traces.get(i));
            if (stage == 1) {
                lightAll.record(traces.get(i));
            }
        }
        MetricsCollector.Interval interval = collector.flip();
        CellStatsTest.assertSameStats(interval.merged(), everything);
        CellStatsTest.assertSameStats(collector.stageTotal(STAGES.get(1)), lightAll);
        assertThat(collector.stageTotal(STAGES.get(0)).requests() + collector.stageTotal(STAGES.get(1)).requests()
                + collector.stageTotal(STAGES.get(2)).requests()).isEqualTo(everything.requests());
    }

    @Test
    void snapshotsSinceACursorSkipUnchangedCellsAndStillEqualAFreshMerge() {
        MetricsCollector collector = new MetricsCollector(STAGES, TYPES);
        List<RequestTrace> traces = CellStatsTest.randomTraces(21, 600);
        CellStats[][] expected = new CellStats[STAGES.size()][TYPES.size()];
        for (CellStats[] row : expected) {
            for (int t = 0; t < row.length; t++) {
                row[t] = new CellStats();
            }
        }
        int previousCursor = -1;
        for (int i = 0; i < traces.size(); i++) {
            // Stage 0 only in the first half, stage 1 only in the second: stage 0's cells stop changing.
            int stage = i < 300 ? 0 : 1;
            collector.record(stage, traces.get(i));
            expected[stage][traces.get(i).typeIndex()].record(traces.get(i));
            if (i % 100 == 99) {
                collector.flip();
                List<CellData> snapshot = collector.snapshotData();
                for (int s = 0; s < STAGES.size(); s++) {
                    for (int t = 0; t < TYPES.size(); t++) {
                        CellStatsTest.assertSameStats(CellStats.fromData(snapshot.get(s * TYPES.size() + t)),
                                expected[s][t]);
                    }
                }
                if (i >= 399) {
                    // Stage 0 did not change since the last snapshot: a reader with that cursor is not sent it again.
                    assertThat(collector.copy(true, previousCursor).get()).extracting(CellData::stage)
                            .containsOnly("light");
                }
                previousCursor = collector.interval();
            }
        }
        assertThat(collector.snapshotData()).isEqualTo(collector.totalsData());
    }

    @Test
    void emptyCellsKeepNoHistogramsAndEncodeLikeEmptyOnes() {
        CellStats empty = new CellStats();
        assertThat(empty.isEmpty()).isTrue();
        CellData data = empty.toData("a", "x");
        assertThat(data.histograms()).hasSize(LatencyMetric.values().length)
                .allSatisfy((metric, encoded) -> assertThat(encoded).isEqualTo(Histograms.encode(Histograms.create())));
        CellStats back = CellStats.fromData(data);
        assertThat(back.isEmpty()).isTrue();
        assertThat(back.histogram(LatencyMetric.TTFT).getTotalCount()).isZero();
        assertThat(back.toData("a", "x")).isEqualTo(data);
    }
}
