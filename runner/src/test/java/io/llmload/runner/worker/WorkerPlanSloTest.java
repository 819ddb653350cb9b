package io.llmload.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.engine.RetryPolicy;
import io.llmload.runner.metrics.GoodputThresholds;
import io.llmload.runner.spec.ManifestReader;
import org.junit.jupiter.api.Test;

/**
 * An operator runner judges goodput per request and retries by the test's policy: the SLO's per-request limits and
 * the retry policy survive the plan's JSON and reach its engine.
 */
class WorkerPlanSloTest {

    @Test
    void goodputLimitsAndRetryPolicyOfThePlanReachTheRunnersEngine() throws Exception {
        var spec = ManifestReader.parse("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\nmetadata: {name: g}\n"
                + "spec:\n"
                + "  workload:\n"
                + "    mix: [{name: chat, api: chat, prompt: {text: hi}}]\n"
                + "    retry: {maxRetries: 2, initialBackoff: 100ms, maxBackoff: 1s, errors: [rateLimited]}\n"
                + "  load: {model: closed, stages: [{duration: 10s, users: 4}]}\n"
                + "  slo: {ttft: {p50: 200ms, p95: 500ms}, itl: {p95: 40ms}, e2e: {p99: 5s}, errorRate: 1%}\n")
                .spec();
        WorkerPlan sent = new WorkerPlan("g", "loadtests", 2, "http://127.0.0.1:1", TestPlans.MODEL, spec, 7, 8080);
        WorkerPlan received = WorkerPlan.fromJson(sent.toJson());

        var config = EngineSetup.config(received, 1, null);
        assertThat(config.goodput()).isEqualTo(new GoodputThresholds(500_000, 40_000, -1, 5_000_000));
        RetryPolicy retry = RetryPolicy.from(config.workload().retry(), config.seed());
        assertThat(retry.enabled()).isTrue();
        assertThat(retry.backoffCapNanos(1)).isEqualTo(100_000_000L);
        assertThat(retry.backoffCapNanos(9)).isEqualTo(1_000_000_000L);
    }
}
