package io.llmload.runner.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.ErrorClass;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.report.Aggregate;
import io.llmload.runner.report.ErrorCounts;
import io.llmload.runner.report.Percentiles;
import io.llmload.runner.report.SloResult;
import io.llmload.runner.spec.InvalidManifestException;
import io.llmload.runner.spec.ManifestReader;
import io.llmload.runner.spec.SloSpec;
import org.junit.jupiter.api.Test;

class SloJudgeTest {

    /** The quickstart's objectives. */
    private static final String QUICKSTART = "{ttft: {p95: 500ms}, itl: {p95: 50ms}, e2e: {p99: 5s}, errorRate: 1%}";

    private static SloSpec slo(String flow) throws InvalidManifestException {
        return ManifestReader.parse("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\nspec:\n  slo: " + flow + "\n")
                .spec().slo();
    }

    private static SloJudge judge(String flow) throws InvalidManifestException {
        return new SloJudge(slo(flow));
    }

    /** Percentiles in ms; only the named one matters to a target, the others are set below it. */
    private static Percentiles p95(double ms) {
        return new Percentiles(ms / 2, ms * 0.9, ms, ms, ms, ms / 2, 1_000);
    }

    private static Percentiles p99(double ms) {
        return new Percentiles(ms / 4, ms / 2, ms * 0.9, ms, ms, ms / 4, 1_000);
    }

    private static Aggregate agg(long requests, long errors, Percentiles ttft, Percentiles itl, Percentiles tpot,
            Percentiles e2e) {
        return new Aggregate("overall", null, null, 60, requests, requests - errors, 0,
                new ErrorCounts(errors, 0, errors, 0, 0, 0, 0), requests == 0 ? 0 : errors / (double) requests,
                requests / 60.0, 0, 0, 0, 0, null, null, ttft, itl, tpot, e2e, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    /** Every quickstart target comfortably met. */
    private static Aggregate healthy(long errors) {
        return agg(10_000, errors, p95(300), p95(30), null, p99(3_000));
    }

    private static Aggregate withTtftP95(double ms) {
        return agg(10_000, 0, p95(ms), p95(30), null, p99(3_000));
    }

    private static Aggregate withE2eP99(double ms) {
        return agg(10_000, 0, p95(300), p95(30), null, p99(ms));
    }

    @Test
    void allTargetsMetAndFewErrorsIsNormal() throws Exception {
        SloJudge judge = judge(QUICKSTART);
        assertThat(judge.tier(healthy(0))).isEqualTo(Tier.NORMAL);
        assertThat(judge.tier(healthy(5))).isEqualTo(Tier.NORMAL); // 0.05%
        assertThat(judge.tier(healthy(9))).isEqualTo(Tier.NORMAL); // 0.09%
    }

    @Test
    void anErrorRateAtTheNormalThresholdIsDegraded() throws Exception {
        assertThat(judge(QUICKSTART).tier(healthy(10))).isEqualTo(Tier.DEGRADED); // exactly 0.1%
    }

    @Test
    void halfAPercentOfErrorsWithEveryLatencyMetIsDegraded() throws Exception {
        assertThat(judge(QUICKSTART).tier(healthy(50))).isEqualTo(Tier.DEGRADED);
    }

    @Test
    void errorsAboveOnePercentAreABreach() throws Exception {
        SloJudge judge = judge(QUICKSTART);
        assertThat(judge.tier(healthy(150))).isEqualTo(Tier.BREACH); // 1.5%
        assertThat(judge.tier(healthy(100))).isEqualTo(Tier.DEGRADED); // exactly 1%: not above
        assertThat(judge.tier(healthy(101))).isEqualTo(Tier.BREACH);
    }

    @Test
    void theDefaultBreachErrorRateAppliesWithoutAnyErrorTarget() throws Exception {
        SloJudge judge = judge("{ttft: {p95: 500ms}}");
        assertThat(judge.tier(healthy(150))).isEqualTo(Tier.BREACH);
        assertThat(judge.tier(healthy(50))).isEqualTo(Tier.DEGRADED);
    }

    @Test
    void aLatencyTargetMissedWithinTheDegradedFactorIsDegraded() throws Exception {
        SloJudge judge = judge(QUICKSTART);
        assertThat(judge.tier(withTtftP95(501))).isEqualTo(Tier.DEGRADED);
        assertThat(judge.tier(withTtftP95(1_000))).isEqualTo(Tier.DEGRADED); // 2x
        assertThat(judge.tier(withTtftP95(2_000))).isEqualTo(Tier.DEGRADED); // exactly 4x: not beyond
        assertThat(judge.tier(withTtftP95(500))).isEqualTo(Tier.NORMAL); // on the target is met
    }

    @Test
    void aLatencyTargetMissedBeyondTheDegradedFactorIsABreach() throws Exception {
        SloJudge judge = judge(QUICKSTART);
        assertThat(judge.tier(withTtftP95(2_500))).isEqualTo(Tier.BREACH); // 5x
        assertThat(judge.tier(withTtftP95(2_001))).isEqualTo(Tier.BREACH);
        assertThat(judge.tier(agg(10_000, 0, p95(300), p95(250), null, p99(3_000)))).isEqualTo(Tier.BREACH); // ITL 5x
    }

    @Test
    void e2eP99AboveFiveSecondsIsABreachEvenWithoutAnE2eTarget() throws Exception {
        SloJudge judge = judge("{ttft: {p95: 500ms}}");
        assertThat(judge.tier(withE2eP99(5_001))).isEqualTo(Tier.BREACH);
        assertThat(judge.tier(withE2eP99(5_000))).isEqualTo(Tier.NORMAL);
        SloJudge none = new SloJudge(null);
        assertThat(none.tier(withE2eP99(6_000))).isEqualTo(Tier.BREACH);
        assertThat(none.tier(withE2eP99(3_000))).isEqualTo(Tier.NORMAL);
    }

    @Test
    void anE2eP99TargetAboveFiveSecondsRaisesTheBreachLatency() throws Exception {
        SloJudge judge = judge("{e2e: {p99: 8s}}");
        assertThat(judge.tier(withE2eP99(6_000))).isEqualTo(Tier.NORMAL);
        assertThat(judge.tier(withE2eP99(9_000))).isEqualTo(Tier.BREACH);
    }

    @Test
    void anE2eP99TargetBelowFiveSecondsKeepsTheFiveSecondBreach() throws Exception {
        SloJudge judge = judge("{e2e: {p99: 2s}}");
        assertThat(judge.tier(withE2eP99(3_000))).isEqualTo(Tier.DEGRADED);
        assertThat(judge.tier(withE2eP99(6_000))).isEqualTo(Tier.BREACH); // 3x the target but above 5 s
    }

    @Test
    void aSmallerDegradedFactorTurnsAMissIntoABreach() throws Exception {
        assertThat(judge(QUICKSTART).tier(withTtftP95(1_500))).isEqualTo(Tier.DEGRADED); // 3x, default factor 4
        SloJudge strict = judge("{ttft: {p95: 500ms}, tiers: {degradedFactor: 2}}");
        assertThat(strict.tier(withTtftP95(1_500))).isEqualTo(Tier.BREACH);
        assertThat(strict.tier(withTtftP95(1_000))).isEqualTo(Tier.DEGRADED);
    }

    @Test
    void aHigherBreachErrorRateTurnsABreachIntoDegraded() throws Exception {
        SloJudge lenient = judge("{ttft: {p95: 500ms}, tiers: {breachErrorRate: 5%}}");
        assertThat(lenient.tier(healthy(150))).isEqualTo(Tier.DEGRADED);
        assertThat(lenient.tier(healthy(600))).isEqualTo(Tier.BREACH);
    }

    @Test
    void theBreachErrorRateIsNeverBelowTheErrorRateTarget() throws Exception {
        SloJudge judge = judge("{errorRate: 3%}");
        assertThat(judge.tier(healthy(200))).isEqualTo(Tier.DEGRADED); // 2%: target met, above normal
        assertThat(judge.tier(healthy(350))).isEqualTo(Tier.BREACH);
    }

    @Test
    void aMissedErrorRateTargetBelowTheBreachRateIsDegraded() throws Exception {
        SloJudge judge = judge("{errorRate: 0.5%}");
        assertThat(judge.tier(healthy(80))).isEqualTo(Tier.DEGRADED); // 0.8%: missed, not a breach
    }

    @Test
    void aHigherNormalErrorRateKeepsAFewErrorsNormal() throws Exception {
        SloJudge judge = judge("{ttft: {p95: 500ms}, tiers: {normalErrorRate: 1%, breachErrorRate: 5%}}");
        assertThat(judge.tier(healthy(50))).isEqualTo(Tier.NORMAL);
        assertThat(judge.tier(healthy(100))).isEqualTo(Tier.DEGRADED);
    }

    @Test
    void aHigherBreachE2eLatencyTierAllowsSlowRequests() throws Exception {
        SloJudge judge = judge("{ttft: {p95: 500ms}, tiers: {breachE2eP99: 10s}}");
        assertThat(judge.tier(withE2eP99(8_000))).isEqualTo(Tier.NORMAL);
        assertThat(judge.tier(withE2eP99(11_000))).isEqualTo(Tier.BREACH);
    }

    @Test
    void aScopeWithoutRequestsIsABreach() throws Exception {
        assertThat(judge(QUICKSTART).tier(agg(0, 0, null, null, null, null))).isEqualTo(Tier.BREACH);
        assertThat(new SloJudge(null).tier(agg(0, 0, null, null, null, null))).isEqualTo(Tier.BREACH);
    }

    @Test
    void checkReportsObservedValuesAndMetFlagsPerTarget() throws Exception {
        SloJudge judge = judge(QUICKSTART);
        Aggregate a = agg(10_000, 20, p95(620), p95(30), null, p99(3_000));
        assertThat(judge.check("overall", a)).containsExactly(
                new SloResult("overall", "ttft p95", "500ms", 500, 620.0, false),
                new SloResult("overall", "itl p95", "50ms", 50, 30.0, true),
                new SloResult("overall", "e2e p99", "5s", 5_000, 3_000.0, true),
                new SloResult("overall", "errorRate", "1%", 0.01, 0.002, true));
        assertThat(judge.tier(a)).isEqualTo(Tier.DEGRADED);
    }

    @Test
    void checkReadsTheNamedPercentileOfTheNamedMetric() throws Exception {
        SloJudge judge = judge("{ttft: {p50: 100ms, p90: 200ms, p95: 300ms, p99: 400ms}, tpot: {p90: 20ms}}");
        Percentiles ttft = new Percentiles(90, 190, 310, 390, 800, 120, 50);
        Percentiles tpot = new Percentiles(10, 25, 30, 40, 50, 12, 50);
        Aggregate a = new Aggregate("s", 8.0, "users", 10, 50, 50, 0, new ErrorCounts(0, 0, 0, 0, 0, 0, 0), 0, 5, 0,
                0, 0, 0, null, null, ttft, null, tpot, p99(1_000), null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
        assertThat(judge.check("stage:s", a)).containsExactly(
                new SloResult("stage:s", "ttft p50", "100ms", 100, 90.0, true),
                new SloResult("stage:s", "ttft p90", "200ms", 200, 190.0, true),
                new SloResult("stage:s", "ttft p95", "300ms", 300, 310.0, false),
                new SloResult("stage:s", "ttft p99", "400ms", 400, 390.0, true),
                new SloResult("stage:s", "tpot p90", "20ms", 20, 25.0, false));
    }

    @Test
    void aMetricWithoutSamplesIsNotMetWithNoObservedValue() throws Exception {
        SloJudge judge = judge("{ttft: {p95: 500ms}, errorRate: 1%}");
        Aggregate noTtft = agg(10_000, 0, null, null, null, p99(1_000)); // e.g. a non-streamed workload
        assertThat(judge.check("overall", noTtft)).containsExactly(
                new SloResult("overall", "ttft p95", "500ms", 500, null, false),
                new SloResult("overall", "errorRate", "1%", 0.01, 0.0, true));
        // a target that cannot be checked is treated as missed beyond any factor
        assertThat(judge.tier(noTtft)).isEqualTo(Tier.BREACH);
    }

    @Test
    void theErrorRateOfAScopeWithoutRequestsIsUnobserved() throws Exception {
        assertThat(judge("{errorRate: 1%}").check("stage:idle", agg(0, 0, null, null, null, null)))
                .containsExactly(new SloResult("stage:idle", "errorRate", "1%", 0.01, null, false));
    }

    @Test
    void noSloMeansNoTargetsToCheck() throws Exception {
        assertThat(new SloJudge(null).check("overall", healthy(0))).isEmpty();
        assertThat(judge("{}").check("overall", healthy(0))).isEmpty();
        assertThat(new SloJudge(null).tier(healthy(0))).isEqualTo(Tier.NORMAL);
        assertThat(new SloJudge(null).tier(healthy(50))).isEqualTo(Tier.DEGRADED);
        assertThat(new SloJudge(null).tier(healthy(200))).isEqualTo(Tier.BREACH);
    }

    @Test
    void tiersMapToVerdictsAndLabels() {
        assertThat(Tier.NORMAL.verdict()).isEqualTo("Pass");
        assertThat(Tier.DEGRADED.verdict()).isEqualTo("Degraded");
        assertThat(Tier.BREACH.verdict()).isEqualTo("Breach");
        assertThat(Tier.NORMAL.label()).isEqualTo("Normal");
        assertThat(Tier.DEGRADED.label()).isEqualTo("Degraded");
        assertThat(Tier.BREACH.label()).isEqualTo("Breach");
    }

    // --- end to end from recorded requests ---

    private static CellStats recorded(int ok, int errors) {
        CellStats stats = new CellStats();
        long t0 = 1_000_000_000L;
        for (int i = 1; i <= ok; i++) {
            long intended = t0 + i * 10_000_000L;
            RequestTrace t = new RequestTrace("r" + i, 0, intended, true, 10);
            t.sent(intended);
            long ttft = i * 400_000L; // 0.4 ms … 400 ms
            t.content(intended + ttft, 1);
            t.content(intended + ttft + 20_000_000L, 1); // ITL 20 ms
            t.succeeded(intended + ttft + 100_000_000L);
            stats.record(t);
        }
        for (int i = 0; i < errors; i++) {
            RequestTrace t = new RequestTrace("e" + i, 0, t0, true, 10);
            t.sent(t0);
            t.failed(t0 + 1_000_000L, ErrorClass.SERVER, "500");
            stats.record(t);
        }
        return stats;
    }

    @Test
    void judgesAggregatesBuiltFromRecordedRequests() throws Exception {
        SloJudge judge = judge(QUICKSTART);
        Aggregate clean = Aggregate.of("overall", null, null, 60, recorded(1_000, 0));
        assertThat(clean.ttftMs().p95()).isBetween(380.0, 381.0); // the 950th of 0.4 … 400 ms
        assertThat(judge.tier(clean)).isEqualTo(Tier.NORMAL);
        assertThat(judge.check("overall", clean)).extracting(SloResult::met).containsOnly(true);

        Aggregate fewErrors = Aggregate.of("overall", null, null, 60, recorded(1_000, 3)); // 0.3%
        assertThat(fewErrors.errorRate()).isEqualTo(0.002991);
        assertThat(judge.tier(fewErrors)).isEqualTo(Tier.DEGRADED);

        Aggregate manyErrors = Aggregate.of("overall", null, null, 60, recorded(1_000, 15)); // 1.48%
        assertThat(judge.tier(manyErrors)).isEqualTo(Tier.BREACH);

        assertThat(judge(QUICKSTART.replace("500ms", "200ms")).tier(clean)).isEqualTo(Tier.DEGRADED); // 1.9x
        assertThat(judge(QUICKSTART.replace("500ms", "50ms")).tier(clean)).isEqualTo(Tier.BREACH); // 7.6x
    }
}
