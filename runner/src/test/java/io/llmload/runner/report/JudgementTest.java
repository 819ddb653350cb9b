package io.llmload.runner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmload.runner.metrics.ErrorClass;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.slo.Capacity;
import io.llmload.runner.slo.Saturation;
import io.llmload.runner.spec.InvalidManifestException;
import io.llmload.runner.spec.ManifestReader;
import io.llmload.runner.spec.SloSpec;
import org.junit.jupiter.api.Test;

/**
 * Known answers for goodput, health bands, saturation, capacity and growth, through {@link ReportBuilder} from
 * requests with exact timestamps ({@link Traces#ok}: E2E = TTFT + 100 ms).
 */
class JudgementTest {

    private static SloSpec slo(String flow) throws InvalidManifestException {
        return ManifestReader.parse("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\nspec:\n  slo: " + flow + "\n")
                .spec().slo();
    }

    /** A step test: TTFT 100, 150, 180, 600 ms at 8, 16, 32, 48 users → E2E p95 200, 250, 280, 700 ms. */
    private static RunData stepTest() {
        return StagedRun.closed().stage("s8", 8).ok(100, 100).stage("s16", 16).ok(100, 150).stage("s32", 32)
                .ok(100, 180).stage("s48", 48).ok(100, 600).build();
    }

    @Test
    void capacityIsTheHighestLevelAtSloAndSaturationTheFirstStageOverTwiceTheBaseline() throws Exception {
        Report report = ReportBuilder.build(stepTest(), slo("{ttft: {p95: 250ms}}"));
        Capacity c = report.capacity();
        assertThat(c.maxUsersAtSlo()).isEqualTo(32);
        assertThat(c.maxRateAtSlo()).isNull();
        assertThat(c.stageAtSlo()).isEqualTo("s32");
        // E2E p95 700 / 200 = 3.5 (histogram resolution moves it by < 0.1%); s32 at 1.8× TTFT is not saturated.
        assertThat(c.saturatedAt()).isEqualTo(new Saturation("s48", 48, "p95 E2E 3.50x the baseline"));
        assertThat(c.summary())
                .isEqualTo("holds 32 concurrent users at SLO (saturates at 48 users: p95 E2E 3.50x the baseline)");
        assertThat(c.ttftP95Growth()).isEqualTo("exponential");
        assertThat(c.e2eP95Growth()).isEqualTo("exponential");
    }

    @Test
    void ttftSaturatesBeforeE2eWhenOnlyTheQueueGrows() throws Exception {
        // TTFT 10 → 25 ms (2.5×) while E2E 110 → 125 ms (1.14×): the first token waits, the stream does not.
        RunData run = StagedRun.closed().stage("a", 4).ok(50, 10).stage("b", 8).ok(50, 25).build();
        assertThat(ReportBuilder.build(run, null).capacity().saturatedAt())
                .isEqualTo(new Saturation("b", 8, "p95 TTFT 2.50x the baseline"));
    }

    @Test
    void errorsAboveOnePercentSaturateEvenWithFlatLatency() throws Exception {
        // Seed 002's "flat latency + rising failures": 3 of 100 requests fail at 12 users.
        RunData run = StagedRun.closed().stage("a", 4).ok(100, 100).stage("b", 8).ok(99, 100)
                .add(1, Traces.failed(ErrorClass.SERVER)).stage("c", 12).ok(97, 100)
                .add(3, Traces.failed(ErrorClass.RATE_LIMITED)).build();
        Report report = ReportBuilder.build(run, slo("{errorRate: 1%}"));
        // b has exactly 1 %: not above, still at SLO.
        assertThat(report.capacity().saturatedAt()).isEqualTo(new Saturation("c", 12, "error rate 3%"));
        assertThat(report.capacity().maxUsersAtSlo()).isEqualTo(8);
        assertThat(report.capacity().e2eP95Growth()).isEqualTo("flat");
    }

    @Test
    void openModelReportsRateAndNoSaturation() throws Exception {
        RunData run = StagedRun.open().stage("r2", 2).ok(20, 100).stage("r4", 4).ok(40, 110).stage("r6.5", 6.5)
                .ok(65, 120).build();
        Capacity c = ReportBuilder.build(run, slo("{e2e: {p99: 1s}}")).capacity();
        assertThat(c.maxRateAtSlo()).isEqualTo(6.5);
        assertThat(c.maxUsersAtSlo()).isNull();
        assertThat(c.saturatedAt()).isNull();
        assertThat(c.summary()).isEqualTo("holds 6.5 req/s at SLO (no saturation up to 6.5 req/s)");
    }

    @Test
    void noStageAtSlo() throws Exception {
        Capacity c = ReportBuilder.build(stepTest(), slo("{ttft: {p95: 50ms}}")).capacity();
        assertThat(c.maxUsersAtSlo()).isNull();
        assertThat(c.summary()).startsWith("no stage met every SLO target (saturates at 48 users");
    }

    @Test
    void aStageAtSloAboveTheFirstFailingLevelDoesNotRaiseTheCapacity() throws Exception {
        // 8 and 16 users meet the 250 ms TTFT target, 24 misses it, 32 happens to meet it again.
        RunData run = StagedRun.closed().stage("s8", 8).ok(100, 100).stage("s16", 16).ok(100, 150)
                .stage("s24", 24).ok(100, 400).stage("s32", 32).ok(100, 200).build();
        Capacity c = ReportBuilder.build(run, slo("{ttft: {p95: 250ms}}")).capacity();
        assertThat(c.maxUsersAtSlo()).isEqualTo(16);
        assertThat(c.stageAtSlo()).isEqualTo("s16");
    }

    @Test
    void aStageInBreachIsNotAtSloEvenWithoutTargets() throws Exception {
        // p99 E2E 6.1 s breaches the default 5 s tier threshold though no target is set.
        RunData run = StagedRun.closed().stage("a", 4).ok(100, 100).stage("b", 8).ok(100, 6_000).build();
        assertThat(ReportBuilder.build(run, null).capacity().maxUsersAtSlo()).isEqualTo(4);
    }

    @Test
    void goodputCountsRequestsWithinEveryPerRequestThreshold() throws Exception {
        // Stage "mixed": 50 requests TTFT 100 / E2E 200, 50 requests TTFT 300 / E2E 400, over 10 s.
        RunData run = StagedRun.closed().stage("fast", 4).ok(100, 100).stage("mixed", 8).ok(50, 100).ok(50, 300)
                .add(5, Traces.failed(ErrorClass.SERVER)).build();
        Report report = ReportBuilder.build(run, slo("{ttft: {p50: 150ms, p95: 250ms}, e2e: {p99: 1s}}"));
        // The TTFT threshold is its largest target (250 ms); failures never count.
        assertThat(report.stages().get(0).goodputUpperBound()).isEqualTo(10.0);
        assertThat(report.stages().get(1).goodputUpperBound()).isEqualTo(5.0);
        assertThat(report.overall().goodputUpperBound()).isEqualTo(7.5); // 150 of 205 over 20 s
    }

    @Test
    void goodputIsTheMinimumOverMetricsAnUpperBoundOfTheJointCount() throws Exception {
        // 50 requests fail TTFT only (TTFT 300, E2E 400) ... and, separately, nobody fails E2E alone: bound 50.
        // With an E2E threshold of 350 ms the same 50 fail both: the minimum is exact here, 50 good.
        RunData run = StagedRun.closed().stage("s", 8).ok(50, 100).ok(50, 300).build();
        Report report = ReportBuilder.build(run, slo("{ttft: {p95: 250ms}, e2e: {p95: 350ms}}"));
        assertThat(report.stages().get(0).goodputUpperBound()).isEqualTo(5.0);
    }

    @Test
    void nonStreamedRequestsAreNotHeldToTtft() throws Exception {
        // 40 streamed (TTFT 300 ms: too slow) + 60 non-streamed (E2E 500 ms, no TTFT): at most 60 met everything.
        RunData run = StagedRun.closed().stage("s", 8).ok(40, 300).add(60, nonStreamed(500)).build();
        Report report = ReportBuilder.build(run, slo("{ttft: {p95: 250ms}, e2e: {p95: 1s}}"));
        assertThat(report.stages().get(0).goodputUpperBound()).isEqualTo(6.0);
    }

    @Test
    void withoutLatencyTargetsGoodputIsTheSuccessRate() throws Exception {
        RunData run = StagedRun.closed().stage("s", 8).ok(90, 100).add(10, Traces.failed(ErrorClass.TIMEOUT)).build();
        assertThat(ReportBuilder.build(run, null).stages().get(0).goodputUpperBound()).isEqualTo(9.0);
    }

    @Test
    void healthBandPerStageAndOverall() throws Exception {
        // Stage "steady": all E2E 200 ms → ratio 1. Stage "tail": 97 × E2E 200 ms, 3 × E2E 1.3 s → p99/p50 = 6.5.
        RunData run = StagedRun.closed().stage("steady", 4).ok(100, 100).stage("tail", 8).ok(97, 100)
                .ok(3, 1_200).build();
        Report report = ReportBuilder.build(run, null);
        assertThat(report.stages().get(0).health().e2eBand()).isEqualTo("healthy");
        assertThat(report.stages().get(0).health().e2eP99OverP50()).isCloseTo(1.0, within(0.01));
        assertThat(report.stages().get(1).health().e2eBand()).isEqualTo("critical");
        assertThat(report.stages().get(1).health().e2eP99OverP50()).isCloseTo(6.5, within(0.02));
        assertThat(report.stages().get(1).health().ttftP99OverP50()).isCloseTo(12.0, within(0.02));
        // Overall: 3 slow of 200 = 1.5 % > 1 % → p99 is slow too.
        assertThat(report.overall().health().e2eBand()).isEqualTo("critical");
    }

    private static RequestTrace nonStreamed(double e2eMs) {
        RequestTrace t = new RequestTrace("plain", 0, Traces.T0, false, 10);
        t.sent(Traces.T0);
        t.output(5);
        t.succeeded(Traces.T0 + Math.round(e2eMs * Traces.MS));
        return t;
    }
}
