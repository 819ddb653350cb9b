package io.llmload.runner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.LatencyMetric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RunDataMergerTest {

    private static final List<StageInfo> STAGES = List.of(new StageInfo("warmup", 8, 5, true),
            new StageInfo("light", 8, 30, false), new StageInfo("heavy", 32, 30, false));
    private static final List<String> TYPES = List.of("short", "long");

    /** Everything all runners recorded, per cell "stage/type", and all measured requests together. */
    private final Map<String, CellStats> allByCell = new HashMap<>();
    private final CellStats allMeasured = new CellStats();

    private RunData runner(int index, String start, String end, List<TimelinePoint> timeline, boolean aborted,
            String reason) {
        SplittableRandom random = new SplittableRandom(1_000 + index);
        List<CellData> cells = new ArrayList<>();
        for (StageInfo stage : STAGES) {
            for (String type : TYPES) {
                CellStats cell = new CellStats();
                CellStats all = allByCell.computeIfAbsent(stage.name() + "/" + type, k -> new CellStats());
                int n = 300 + random.nextInt(400);
                for (int i = 0; i < n; i++) {
                    var trace = Traces.random(random);
                    cell.record(trace);
                    all.record(trace);
                    if (!stage.warmup()) {
                        allMeasured.record(trace);
                    }
                }
                cells.add(cell.toData(stage.name(), type));
            }
        }
        return new RunData("t", start, end, "closed", "users", "http://x", "m", 1, STAGES, TYPES, cells, timeline,
                aborted, reason);
    }

    private static TimelinePoint point(double offset, long requests, double rps, int inFlight) {
        return new TimelinePoint(offset, "light", 8, requests, requests / 10, rps, rps * 20, 150.0, 900.0, inFlight);
    }

    private List<RunData> threeRunners() {
        return List.of(
                runner(0, "2026-01-01T00:00:01Z", "2026-01-01T00:01:06Z",
                        List.of(point(1, 10, 10, 3), point(2, 20, 20, 4), point(3, 30, 30, 5)), false, null),
                runner(1, "2026-01-01T00:00:00Z", "2026-01-01T00:01:05Z",
                        List.of(point(1.01, 11, 11, 1), point(2.01, 21, 21, 1), point(3.01, 31, 31, 1)), true,
                        "guardrail: error rate"),
                runner(2, "2026-01-01T00:00:02Z", "2026-01-01T00:01:09Z",
                        List.of(point(0.99, 12, 12, 2), point(1.99, 22, 22, 2)), false, null));
    }

    @Test
    void mergedCellsAddUpTheRunnersCounts() {
        List<RunData> runs = threeRunners();
        RunData merged = RunDataMerger.merge(runs);
        assertThat(merged.cells()).hasSize(6);
        assertThat(merged.cells()).extracting(c -> c.stage() + "/" + c.requestType()).containsExactly(
                "warmup/short", "warmup/long", "light/short", "light/long", "heavy/short", "heavy/long");
        for (int i = 0; i < merged.cells().size(); i++) {
            int cell = i;
            long sum = runs.stream().mapToLong(r -> r.cells().get(cell).requests()).sum();
            long errors = runs.stream().mapToLong(r -> r.cells().get(cell).errors().get("server")).sum();
            assertThat(merged.cells().get(i).requests()).isEqualTo(sum);
            assertThat(merged.cells().get(i).errors().get("server")).isEqualTo(errors);
        }
    }

    @Test
    void mergedPercentilesEqualOneHistogramOfAllSamples() {
        RunData merged = RunDataMerger.merge(threeRunners());
        for (CellData cell : merged.cells()) {
            CellStats expected = allByCell.get(cell.stage() + "/" + cell.requestType());
            CellStats actual = CellStats.fromData(cell);
            assertThat(actual.requests()).isEqualTo(expected.requests());
            assertThat(actual.interrupted()).isEqualTo(expected.interrupted());
            for (LatencyMetric m : LatencyMetric.values()) {
                assertThat(Percentiles.of(actual.histogram(m))).as("%s/%s %s", cell.stage(), cell.requestType(),
                        m.key()).isEqualTo(Percentiles.of(expected.histogram(m)));
            }
        }
        Report report = ReportBuilder.build(merged, null);
        // No latency targets: goodput is the success rate, 6169 successes over 60 s.
        Aggregate reference = Aggregate.of("overall", null, null, 60, allMeasured, 6169 / 60.0);
        assertThat(report.overall().requests()).isEqualTo(allMeasured.requests());
        assertThat(report.overall().ttftMs()).isEqualTo(reference.ttftMs());
        assertThat(report.overall().ttftMs().p95()).isEqualTo(reference.ttftMs().p95());
        assertThat(report.overall().e2eMs()).isEqualTo(reference.e2eMs());
        assertThat(report.overall().withTier(null)).isEqualTo(reference);
    }

    @Test
    void runIdentityIsCombined() {
        RunData merged = RunDataMerger.merge(threeRunners());
        assertThat(merged.runners()).isEqualTo(3);
        assertThat(merged.startTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(merged.endTime()).isEqualTo("2026-01-01T00:01:09Z");
        assertThat(merged.aborted()).isTrue();
        assertThat(merged.abortReason()).isEqualTo("guardrail: error rate");
        assertThat(merged.stages()).isEqualTo(STAGES);
        assertThat(merged.requestTypes()).isEqualTo(TYPES);
        assertThat(merged.name()).isEqualTo("t");
    }

    @Test
    void timelinesAddUpPointByPointWithoutPercentiles() {
        RunData merged = RunDataMerger.merge(threeRunners());
        assertThat(merged.timeline()).containsExactly(
                new TimelinePoint(1, "light", 8, 33, 3, 33, 660, null, null, 6),
                new TimelinePoint(2, "light", 8, 63, 6, 63, 1_260, null, null, 7),
                new TimelinePoint(3, "light", 8, 61, 6, 61, 1_220, null, null, 6));
    }

    @Test
    void errorClassesOfATimelinePointAddUp() {
        RunData first = runner(0, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", List.of(new TimelinePoint(1,
                "light", 8, 10, 3, 10, 200, null, null, 2, null, null, null, Map.of("server", 2L, "timeout", 1L))),
                false, null);
        RunData second = runner(1, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", List.of(new TimelinePoint(1,
                "light", 8, 10, 1, 10, 200, null, null, 2, null, null, null, Map.of("server", 1L))), false, null);
        TimelinePoint merged = RunDataMerger.merge(List.of(first, second)).timeline().get(0);
        assertThat(merged.errors()).isEqualTo(4);
        assertThat(merged.errorsByClass()).isEqualTo(Map.of("server", 3L, "timeout", 1L));
        assertThat(merged.ttftMs()).isNull();
    }

    @Test
    void aCellOnlySomeRunnersHaveIsKept() {
        List<RunData> runs = new ArrayList<>(threeRunners());
        RunData last = runs.get(2);
        runs.set(2, new RunData(last.name(), last.startTime(), last.endTime(), last.loadModel(), last.levelUnit(),
                last.target(), last.model(), 1, last.stages(), last.requestTypes(), last.cells().subList(0, 5),
                last.timeline(), false, null));
        RunData merged = RunDataMerger.merge(runs);
        assertThat(merged.cells()).hasSize(6);
        long heavyLong = runs.get(0).cells().get(5).requests() + runs.get(1).cells().get(5).requests();
        assertThat(merged.cells().get(5).requests()).isEqualTo(heavyLong);
    }

    @Test
    void aSingleRunIsReturnedAsIs() {
        RunData only = threeRunners().get(0);
        assertThat(RunDataMerger.merge(List.of(only))).isSameAs(only);
    }

    @Test
    void nothingToMergeIsAnError() {
        assertThatThrownBy(() -> RunDataMerger.merge(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nothing to merge");
    }
}
