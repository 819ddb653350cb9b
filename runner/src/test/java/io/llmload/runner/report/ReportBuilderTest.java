package io.llmload.runner.report;

import static io.llmload.runner.report.Traces.addOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.ErrorClass;
import io.llmload.runner.spec.InvalidManifestException;
import io.llmload.runner.spec.ManifestReader;
import io.llmload.runner.spec.SloSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run of warmup (5 s, 4 users), light (10 s, 4 users) and heavy (10 s, 16 users) with request types short and
 * long. TTFTs: warmup 2 s (would dominate if counted), light 100 ms, heavy 90 × 200 ms + 10 × 1 s per type... so
 * light p95 ≈ 100 ms, heavy p95 ≈ 1 s, while the p95 of all measured requests ≈ 200 ms (not their 550 ms average).
 */
class ReportBuilderTest {

    private static final List<StageInfo> STAGES = List.of(new StageInfo("warmup", 4, 5, true),
            new StageInfo("light", 4, 10, false), new StageInfo("heavy", 16, 10, false));
    private static final List<String> TYPES = List.of("short", "long");

    /** Every measured request recorded in one place, to compare with the report. */
    private CellStats measured;
    private CellStats light;
    private CellStats heavy;
    private CellStats shortType;

    private static SloSpec slo(String flow) throws InvalidManifestException {
        return ManifestReader.parse("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\nspec:\n  slo: " + flow + "\n")
                .spec().slo();
    }

    private RunData run(boolean withErrors) {
        measured = new CellStats();
        light = new CellStats();
        heavy = new CellStats();
        shortType = new CellStats();
        List<CellData> cells = new ArrayList<>();
        for (String type : TYPES) {
            CellStats warm = new CellStats();
            addOk(25, 2_000, warm);
            cells.add(warm.toData("warmup", type));
        }
        for (String type : TYPES) {
            CellStats cell = new CellStats();
            CellStats byType = type.equals("short") ? shortType : new CellStats();
            addOk(50, 100, cell, measured, light, byType);
            cells.add(cell.toData("light", type));
        }
        for (String type : TYPES) {
            CellStats cell = new CellStats();
            CellStats byType = type.equals("short") ? shortType : new CellStats();
            addOk(45, 200, cell, measured, heavy, byType);
            addOk(5, 1_000, cell, measured, heavy, byType);
            if (withErrors && type.equals("long")) {
                Traces.add(Traces.failed(ErrorClass.SERVER), cell, measured, heavy);
                Traces.add(Traces.failed(ErrorClass.SERVER), cell, measured, heavy);
                Traces.add(Traces.failed(ErrorClass.RATE_LIMITED), cell, measured, heavy);
                Traces.add(Traces.interrupted(), cell, measured, heavy);
            }
            cells.add(cell.toData("heavy", type));
        }
        List<TimelinePoint> timeline = List.of(new TimelinePoint(1, "warmup", 4, 10, 0, 10, 20, 2_000.0, 2_100.0, 4));
        return new RunData("quick", "2026-01-01T00:00:00Z", "2026-01-01T00:00:25Z", "closed", "users",
                "http://sim:8000", "sim-model", 1, STAGES, TYPES, cells, timeline, false, null);
    }

    @Test
    void overallExcludesWarmupAndAddsUpTheMeasuredStages() throws Exception {
        Report report = ReportBuilder.build(run(true), slo("{ttft: {p95: 500ms}, errorRate: 1%}"));
        Aggregate overall = report.overall();
        assertThat(overall.name()).isEqualTo("overall");
        assertThat(overall.durationSeconds()).isEqualTo(20.0);
        assertThat(overall.requests()).isEqualTo(203); // 100 light + 100 heavy + 3 errors; not the 50 warmup
        assertThat(overall.requests()).isEqualTo(report.stages().get(0).requests() + report.stages().get(1).requests());
        assertThat(overall.succeeded()).isEqualTo(200);
        assertThat(overall.interrupted()).isEqualTo(1);
        assertThat(overall.errors()).isEqualTo(new ErrorCounts(3, 1, 2, 0, 0, 0, 0));
        assertThat(overall.errorRate()).isEqualTo(0.014778); // 3 / 203
        assertThat(overall.ttftMs().count()).isEqualTo(200);
        assertThat(overall.ttftMs().max()).isCloseTo(1_000, within(1.0)); // no 2 s warmup sample
        assertThat(overall.meanRetryAfterSeconds()).isEqualTo(2.0);
    }

    @Test
    void overallPercentilesComeFromTheMergedHistogramNotFromStagePercentiles() throws Exception {
        Report report = ReportBuilder.build(run(false), slo("{ttft: {p95: 500ms}}"));
        double lightP95 = report.stages().get(0).ttftMs().p95();
        double heavyP95 = report.stages().get(1).ttftMs().p95();
        double overallP95 = report.overall().ttftMs().p95();
        assertThat(lightP95).isCloseTo(100, within(0.1));
        assertThat(heavyP95).isCloseTo(1_000, within(1.0));
        assertThat(overallP95).isCloseTo(200, within(0.2));
        assertThat(overallP95).isNotCloseTo((lightP95 + heavyP95) / 2, within(100.0));
        // exactly the percentiles of one histogram holding every measured request
        assertThat(report.overall().ttftMs()).isEqualTo(Aggregate.of("x", null, null, 20, measured).ttftMs());
        assertThat(report.overall().withTier(null)).usingRecursiveComparison().ignoringFields("goodputUpperBound")
                .isEqualTo(Aggregate.of("overall", null, null, 20, measured));
    }

    @Test
    void stageAggregatesCarryTheirLevelDurationAndOwnCells() throws Exception {
        Report report = ReportBuilder.build(run(true), slo("{ttft: {p95: 500ms}, errorRate: 1%}"));
        assertThat(report.stages()).extracting(Aggregate::name).containsExactly("light", "heavy");
        Aggregate l = report.stages().get(0);
        Aggregate h = report.stages().get(1);
        assertThat(l.level()).isEqualTo(4.0);
        assertThat(l.levelUnit()).isEqualTo("users");
        assertThat(l.durationSeconds()).isEqualTo(10.0);
        assertThat(l.requests()).isEqualTo(100);
        assertThat(l.requestsPerSecond()).isEqualTo(10.0);
        assertThat(h.level()).isEqualTo(16.0);
        assertThat(h.requests()).isEqualTo(103);
        assertThat(l.withTier(null)).usingRecursiveComparison().ignoringFields("goodputUpperBound")
                .isEqualTo(Aggregate.of("light", 4.0, "users", 10, light));
        assertThat(h.withTier(null)).usingRecursiveComparison().ignoringFields("goodputUpperBound")
                .isEqualTo(Aggregate.of("heavy", 16.0, "users", 10, heavy));
    }

    @Test
    void ratesArePerMeasuredSecond() throws Exception {
        Report report = ReportBuilder.build(run(true), null);
        Aggregate overall = report.overall();
        assertThat(overall.requestsPerSecond()).isEqualTo(10.15); // 203 / 20 s
        assertThat(overall.outputTokensPerSecond()).isEqualTo(20.0); // 200 × 2 tokens / 20 s
        assertThat(overall.inputTokensPerSecond()).isEqualTo(100.0); // 200 × 10 tokens / 20 s
        assertThat(overall.outputTokens()).isEqualTo(400);
        assertThat(report.run()).containsEntry("warmupSeconds", 5.0).containsEntry("measuredSeconds", 20.0)
                .containsEntry("runners", 1).containsEntry("loadModel", "closed").containsEntry("levelUnit", "users")
                .containsEntry("target", "http://sim:8000").containsEntry("model", "sim-model");
    }

    @Test
    void requestTypeAggregatesSpanTheMeasuredStages() throws Exception {
        Report report = ReportBuilder.build(run(true), null);
        assertThat(report.requestTypes()).extracting(Aggregate::name).containsExactly("short", "long");
        Aggregate s = report.requestTypes().get(0);
        Aggregate l = report.requestTypes().get(1);
        assertThat(s.requests()).isEqualTo(100);
        assertThat(l.requests()).isEqualTo(103);
        assertThat(s.durationSeconds()).isEqualTo(20.0);
        assertThat(s.tier()).isNull();
        assertThat(s).usingRecursiveComparison().ignoringFields("goodputUpperBound")
                .isEqualTo(Aggregate.of("short", null, null, 20, shortType));
    }

    @Test
    void verdictFollowsTheOverallTier() throws Exception {
        RunData clean = run(false);
        Report pass = ReportBuilder.build(clean, slo("{ttft: {p95: 500ms}, errorRate: 1%}"));
        assertThat(pass.verdict()).isEqualTo("Pass");
        assertThat(pass.overall().tier()).isEqualTo("Normal");

        Report degraded = ReportBuilder.build(clean, slo("{ttft: {p95: 150ms}}")); // ~1.3x
        assertThat(degraded.verdict()).isEqualTo("Degraded");
        assertThat(degraded.overall().tier()).isEqualTo("Degraded");

        Report slow = ReportBuilder.build(clean, slo("{ttft: {p95: 40ms}}")); // 5x
        assertThat(slow.verdict()).isEqualTo("Breach");

        Report errors = ReportBuilder.build(run(true), slo("{ttft: {p95: 500ms}, errorRate: 1%}")); // 1.48%
        assertThat(errors.verdict()).isEqualTo("Breach");
        assertThat(errors.overall().tier()).isEqualTo("Breach");
    }

    @Test
    void eachStageIsJudgedOnItsOwn() throws Exception {
        Report report = ReportBuilder.build(run(false), slo("{ttft: {p95: 500ms}, errorRate: 1%}"));
        assertThat(report.overall().tier()).isEqualTo("Normal");
        assertThat(report.stages()).extracting(Aggregate::tier).containsExactly("Normal", "Degraded"); // heavy 2x
    }

    @Test
    void sloResultsCoverOverallAndEveryMeasuredStage() throws Exception {
        Report report = ReportBuilder.build(run(true), slo("{ttft: {p95: 500ms}, errorRate: 1%}"));
        assertThat(report.slo()).extracting(SloResult::scope, SloResult::metric, SloResult::met).containsExactly(
                org.assertj.core.groups.Tuple.tuple("overall", "ttft p95", true),
                org.assertj.core.groups.Tuple.tuple("overall", "errorRate", false),
                org.assertj.core.groups.Tuple.tuple("stage:light", "ttft p95", true),
                org.assertj.core.groups.Tuple.tuple("stage:light", "errorRate", true),
                org.assertj.core.groups.Tuple.tuple("stage:heavy", "ttft p95", false),
                org.assertj.core.groups.Tuple.tuple("stage:heavy", "errorRate", false));
        SloResult overallTtft = report.slo().get(0);
        assertThat(overallTtft.observed()).isEqualTo(report.overall().ttftMs().p95());
        assertThat(overallTtft.target()).isEqualTo("500ms");
        assertThat(overallTtft.targetValue()).isEqualTo(500.0);
        assertThat(report.slo().get(1).observed()).isEqualTo(0.014778);
        assertThat(report.slo().get(5).observed()).isEqualTo(0.029126); // 3 / 103
    }

    @Test
    void anIdleZeroLevelStageIsNeitherJudgedNorChecked() throws Exception {
        List<StageInfo> stages = List.of(new StageInfo("busy", 4, 10, false), new StageInfo("pause", 0, 10, false),
                new StageInfo("starved", 8, 10, false));
        CellStats busy = new CellStats();
        addOk(100, 100, busy);
        List<CellData> cells = List.of(busy.toData("busy", "chat"), new CellStats().toData("pause", "chat"),
                new CellStats().toData("starved", "chat"));
        RunData data = new RunData("t", "a", "b", "closed", "users", "x", "m", 1, stages, List.of("chat"), cells,
                List.of(), false, null);
        Report report = ReportBuilder.build(data, slo("{ttft: {p95: 500ms}}"));
        assertThat(report.stages()).extracting(Aggregate::tier).containsExactly("Normal", null, "Breach");
        assertThat(report.slo()).extracting(SloResult::scope).containsExactly("overall", "stage:busy",
                "stage:starved");
        assertThat(report.slo().get(2).observed()).isNull();
        assertThat(report.overall().requestsPerSecond()).isCloseTo(100 / 30.0, within(0.001));
    }

    @Test
    void theReportKeepsTheRunsIdentityTimelineAndCells() throws Exception {
        RunData data = run(true);
        Report report = ReportBuilder.build(data, null);
        assertThat(report.name()).isEqualTo("quick");
        assertThat(report.startTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(report.endTime()).isEqualTo("2026-01-01T00:00:25Z");
        assertThat(report.outcome()).isEqualTo("completed");
        assertThat(report.abortReason()).isNull();
        assertThat(report.timeline()).isEqualTo(data.timeline());
        assertThat(report.histograms()).isEqualTo(data.cells());
        assertThat(report.server()).isNull();
        assertThat(report.slo()).isEmpty();
    }

    @Test
    void anAbortedRunSaysSoWithItsReason() throws Exception {
        RunData ok = run(false);
        RunData aborted = new RunData(ok.name(), ok.startTime(), ok.endTime(), ok.loadModel(), ok.levelUnit(),
                ok.target(), ok.model(), 1, ok.stages(), ok.requestTypes(), ok.cells(), ok.timeline(), true,
                "error rate 12% over 30s");
        Report report = ReportBuilder.build(aborted, null);
        assertThat(report.outcome()).isEqualTo("aborted");
        assertThat(report.abortReason()).isEqualTo("error rate 12% over 30s");
    }
}
