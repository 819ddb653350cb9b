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
        // TTFT: p50 3 s, p99 5 s (ratio 1.67, healthy); E2E: p50 3 s, p99 15 s (ratio 5 → warn); seed 002's examples.
        Health h = Health.of(p50p99(3_000, 5_000), p50p99(3_000, 15_000));
        assertThat(h).isEqualTo(new Health(1.67, "healthy", 5.0, "warn"));
        assertThat(Health.of(null, p50p99(100, 1_000))).isEqualTo(new Health(null, null, 10.0, "critical"));
    }

    @Test
    void noSamplesOrZeroMedianMeansNoRatio() {
        assertThat(Health.of(null, null)).isNull();
        assertThat(HealthBand.ratio(p50p99(0, 5))).isNull();
    }
}
