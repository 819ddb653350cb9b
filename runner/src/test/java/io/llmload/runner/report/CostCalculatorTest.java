package io.llmload.runner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmload.runner.metrics.ErrorClass;
import io.llmload.runner.spec.CostSpec;
import org.junit.jupiter.api.Test;

/**
 * Two 10 s stages of 100 successes each ({@link Traces#ok}: 10 input and 2 output tokens per request), the second
 * with 10 failures too (no tokens).
 */
class CostCalculatorTest {

    private static RunData run() {
        return StagedRun.closed().stage("a", 4).ok(100, 100).stage("b", 8).ok(100, 100)
                .add(10, Traces.failed(ErrorClass.SERVER)).build();
    }

    @Test
    void gpuPricingChargesGpuTimePerSuccessfulRequest() {
        Report report = ReportBuilder.build(run(), null, new CostSpec(2.50, 2, null, null));
        CostReport cost = report.cost();
        assertThat(cost.pricing()).isEqualTo("gpu");
        // 2.50 × 2 GPUs × 10 s / 3600 = 0.0138889 per stage; per request / 100; per 1M output / 200 tokens × 1e6.
        CostFigures a = cost.stages().get(0);
        assertThat(a.name()).isEqualTo("a");
        assertThat(a.total()).isCloseTo(0.0138889, within(1e-7));
        assertThat(a.perRequest()).isCloseTo(0.000138889, within(1e-9));
        assertThat(a.perMillionOutputTokens()).isCloseTo(69.4444, within(1e-4));
        // Failed requests cost GPU time but produce nothing: same total, same per request (100 successes).
        assertThat(cost.stages().get(1).perRequest()).isCloseTo(0.000138889, within(1e-9));
        CostFigures overall = cost.overall();
        assertThat(overall.total()).isCloseTo(0.0277778, within(1e-7));
        assertThat(overall.perRequest()).isCloseTo(0.000138889, within(1e-9));
    }

    @Test
    void tokenPricingChargesTokensOfSuccessfulRequests() {
        Report report = ReportBuilder.build(run(), null, new CostSpec(null, null, 3.0, 15.0));
        CostFigures a = report.cost().stages().get(0);
        assertThat(report.cost().pricing()).isEqualTo("tokens");
        // 1000 input × 3 / 1M + 200 output × 15 / 1M = 0.006; per request 0.00006; per 1M output 30.
        assertThat(a.total()).isCloseTo(0.006, within(1e-12));
        assertThat(a.perRequest()).isCloseTo(0.00006, within(1e-12));
        assertThat(a.perMillionOutputTokens()).isCloseTo(30.0, within(1e-9));
        assertThat(report.cost().overall().total()).isCloseTo(0.012, within(1e-12));
    }

    @Test
    void gpusDefaultToOneAndEmptyScopesHaveNoPerUnitFigures() {
        RunData idle = StagedRun.closed().stage("idle", 0).build();
        CostFigures f = ReportBuilder.build(idle, null, new CostSpec(3.6, null, null, null)).cost().stages().get(0);
        assertThat(f.total()).isCloseTo(0.01, within(1e-12)); // 3.6 per hour × 10 s
        assertThat(f.perRequest()).isNull();
        assertThat(f.perMillionOutputTokens()).isNull();
    }

    @Test
    void noCostSectionWithoutSpec() {
        assertThat(ReportBuilder.build(run(), null).cost()).isNull();
    }
}
