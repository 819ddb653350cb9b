package io.llmload.runner.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.report.Percentiles;
import org.junit.jupiter.api.Test;

class HealthBandTest {

    private static Percentiles p50p99(double p50, double p99) {
        return new Percentiles(p50, p99, p99, p99, p99, p50, 100);
    }

    @Test
    void bandsFollowSeed002Boundaries() {
        assertThat(HealthBand.of(1.0)).isEqualTo(HealthBand.HEALTHY);
        assertThat(HealthBand.of(1.99)).isEqualTo(HealthBand.HEALTHY);
        assertThat(HealthBand.of(2.0)).isEqualTo(HealthBand.WARN);
        assertThat(HealthBand.of(5.0)).isEqualTo(HealthBand.WARN);
        assertThat(HealthBand.of(5.01)).isEqualTo(HealthBand.CRITICAL);
    }

    @Test
    void healthReadsP99OverP50OfTtftAndE2e() {
        // TTFT: p50 3 s, p99 5 s (ratio 1.67, healthy); E2E: p50 3 s, p99 15 s (ratio 5 → warn); seed 002's examples,
        // both above the 1 s floor.
        Health h = Health.of(p50p99(3_000, 5_000), p50p99(3_000, 15_000));
        assertThat(h).isEqualTo(new Health(1.67, "healthy", 5.0, "warn"));
        assertThat(Health.of(null, p50p99(100, 1_000))).isEqualTo(new Health(null, null, 10.0, "critical"));
    }

    @Test
    void spreadIsJudgedOnlyFromAOneSecondP99() {
        // Issue 14's case: p50 30 ms, p99 270 ms — a ratio of 9 on latencies nobody notices is healthy.
        assertThat(Health.of(p50p99(30, 270), p50p99(300, 2_700))).isEqualTo(new Health(9.0, "healthy", 9.0,
                "critical"));
        assertThat(HealthBand.of(9.0, 999.9)).isEqualTo(HealthBand.HEALTHY);
        assertThat(HealthBand.of(9.0, 1_000)).isEqualTo(HealthBand.CRITICAL);
        assertThat(HealthBand.of(3.0, 1_000)).isEqualTo(HealthBand.WARN);
        assertThat(HealthBand.belowFloor(999.9)).isTrue();
        assertThat(HealthBand.belowFloor(HealthBand.FLOOR_P99_MS)).isFalse();
    }

    @Test
    void noSamplesOrZeroMedianMeansNoRatio() {
        assertThat(Health.of(null, null)).isNull();
        assertThat(HealthBand.ratio(p50p99(0, 5))).isNull();
    }
}
