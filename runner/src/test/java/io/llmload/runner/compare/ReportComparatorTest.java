package io.llmload.runner.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Known reports in, known deltas and markers out. */
class ReportComparatorTest {

    private final Comparison c = ReportComparator.compare(KnownReports.a(), "a.json", KnownReports.b(), "b.json");

    @Test
    void overallDeltasArePercentOfAWithTheRightMarkerPerMetricDirection() {
        ScopeComparison overall = c.overall();
        assertDelta(overall.metric("requestsPerSecond"), 10, 12, 20.0, Change.BETTER);
        assertDelta(overall.metric("ttftP95Ms"), 200, 150, -25.0, Change.BETTER);
        assertDelta(overall.metric("ttftP99Ms"), 400, 500, 25.0, Change.WORSE);
        assertDelta(overall.metric("e2eP95Ms"), 2000, 1800, -10.0, Change.BETTER);
        assertDelta(overall.metric("errorRate"), 0.01, 0.02, 100.0, Change.WORSE);
        assertDelta(overall.metric("costPerMillionOutputTokens"), 10, 8, -20.0, Change.BETTER);
        assertDelta(overall.metric("goodput"), 9, 11, 22.222, Change.BETTER);
        // -0.5 %: within the noise band.
        assertDelta(overall.metric("outputTokensPerSecond"), 1000, 995, -0.5, Change.SAME);
        assertDelta(overall.metric("e2eP99Ms"), 3000, 3000, 0.0, Change.SAME);
        // Counts are shown, not judged.
        assertDelta(overall.metric("requests"), 300, 360, 20.0, null);
        assertThat(overall.metrics()).extracting(MetricDelta::metric).doesNotContain("level");
        assertThat(overall.tier()).isEqualTo(new LabelDelta("Normal", "Degraded", Change.WORSE));
    }

    @Test
    void verdictAndCapacityAreJudgedToo() {
        assertThat(c.verdict()).isEqualTo(new LabelDelta("Pass", "Degraded", Change.WORSE));
        assertThat(c.capacity().levelA()).isEqualTo(4.0);
        assertThat(c.capacity().levelB()).isEqualTo(8.0);
        assertThat(c.capacity().change()).isEqualTo(Change.BETTER);
        assertThat(c.capacity().b()).isEqualTo("holds 8 concurrent users at SLO (no saturation up to 8 users)");
    }

    @Test
    void stagesAndTypesAreMatchedByNameAndTheRestListed() {
        assertThat(c.stages()).extracting(ScopeComparison::name).containsExactly("light", "heavy");
        assertThat(c.stagesOnlyInA()).containsExactly("spike");
        assertThat(c.stagesOnlyInB()).containsExactly("soak");
        assertThat(c.requestTypes()).extracting(ScopeComparison::name).containsExactly("chat");
        assertThat(c.requestTypesOnlyInA()).containsExactly("rag");
        assertThat(c.requestTypesOnlyInB()).containsExactly("embed");

        ScopeComparison heavy = c.stages().get(1);
        assertDelta(heavy.metric("level"), 8, 8, 0.0, null);
        assertDelta(heavy.metric("ttftP95Ms"), 250, 125, -50.0, Change.BETTER);
        assertDelta(heavy.metric("costPerMillionOutputTokens"), 12, 6, -50.0, Change.BETTER);
        // 2 % errors to none: -100 %, better.
        assertDelta(heavy.metric("errorRate"), 0.02, 0, -100.0, Change.BETTER);
        assertThat(heavy.tier().change()).isEqualTo(Change.BETTER);
        // Request types carry no cost and no tier.
        assertThat(c.requestTypes().get(0).metric("costPerMillionOutputTokens")).isNull();
        assertThat(c.requestTypes().get(0).tier()).isNull();
    }

    @Test
    void fromZeroTheDeltaIsUndefinedButTheDirectionStillCounts() {
        Comparison reversed = ReportComparator.compare(KnownReports.b(), "b.json", KnownReports.a(), "a.json");
        MetricDelta errors = reversed.stages().get(1).metric("errorRate");
        assertThat(errors.deltaPercent()).isNull();
        assertThat(errors.change()).isEqualTo(Change.WORSE);
        assertThat(reversed.capacity().change()).isEqualTo(Change.WORSE);
    }

    @Test
    void prefixCacheHitRateComesFromTheServerSectionsAndIsShownNotJudged() {
        Comparison withServer = ReportComparator.compare(KnownReports.aWithServer(), "a.json",
                KnownReports.bWithServer(), "b.json");
        // A: 200 hits of 1500 queried tokens over its stages (as the report rounds it); B: 750 of 1000.
        assertDelta(withServer.overall().metric("prefixCacheHitRate"), 0.133333, 0.75, 462.501, null);
        assertDelta(withServer.stages().get(1).metric("prefixCacheHitRate"), 0.2, 0.75, 275.0, null);
        MetricDelta light = withServer.stages().get(0).metric("prefixCacheHitRate");
        assertThat(light.a()).isEqualTo(0.0);
        assertThat(light.b()).isNull();
        // Without server sections the row is left out.
        assertThat(c.overall().metric("prefixCacheHitRate")).isNull();
    }

    @Test
    void directionsHonourTheNoiseBand() {
        assertThat(Direction.LOWER_IS_BETTER.judge(100.0, 99.5)).isEqualTo(Change.SAME);
        assertThat(Direction.LOWER_IS_BETTER.judge(100.0, 98.0)).isEqualTo(Change.BETTER);
        assertThat(Direction.HIGHER_IS_BETTER.judge(100.0, 98.0)).isEqualTo(Change.WORSE);
        assertThat(Direction.HIGHER_IS_BETTER.judge(0.0, 0.0)).isEqualTo(Change.SAME);
        assertThat(Direction.HIGHER_IS_BETTER.judge(0.0, 1.0)).isEqualTo(Change.BETTER);
        assertThat(Direction.LOWER_IS_BETTER.judge(null, 1.0)).isNull();
        assertThat(Direction.NEUTRAL.judge(1.0, 2.0)).isNull();
    }

    private static void assertDelta(MetricDelta d, double a, double b, Double percent, Change change) {
        assertThat(d).as("metric row").isNotNull();
        assertThat(d.a()).as(d.metric() + " A").isEqualTo(a);
        assertThat(d.b()).as(d.metric() + " B").isEqualTo(b);
        assertThat(d.deltaPercent()).as(d.metric() + " delta").isEqualTo(percent);
        assertThat(d.change()).as(d.metric() + " change").isEqualTo(change);
    }
}
