package io.llmload.runner.servermetrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.report.RunData;
import io.llmload.runner.report.StageInfo;
import io.llmload.runner.spec.MetricsSourceSpec;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Server metrics from a Prometheus server (a fake one speaking the documented query_range API): the series of two
 * vLLM/NIM pods and a DCGM exporter over the run window become the same per-stage report a scrape gives.
 */
class PrometheusSourceTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final double S0 = T0.getEpochSecond();

    private final FakePrometheus prometheus = new FakePrometheus()
            // Pod vllm-0 (vLLM names, both KV aliases) fills its KV cache in the second half; pod vllm-1 is a NIM.
            .series("vllm:kv_cache_usage_perc", t -> t < S0 + 10 ? 0.5 : 0.9, "app", "vllm", "pod", "vllm-0")
            .series("vllm:gpu_cache_usage_perc", t -> t < S0 + 10 ? 0.5 : 0.9, "app", "vllm", "pod", "vllm-0")
            .series("gpu_cache_usage_perc", t -> 0.2, "app", "vllm", "pod", "vllm-1")
            .series("vllm:num_requests_waiting", t -> t < S0 + 10 ? 0.0 : 12.0, "app", "vllm", "pod", "vllm-0")
            .series("num_requests_waiting", t -> 3.0, "app", "vllm", "pod", "vllm-1")
            .series("vllm:num_requests_waiting", t -> 100.0, "app", "other", "pod", "other-0") // not selected
            .series("vllm:generation_tokens_total", t -> 100 * (t - S0), "app", "vllm", "pod", "vllm-0")
            .series("generation_tokens_total", t -> 50 * (t - S0), "app", "vllm", "pod", "vllm-1")
            .series("vllm:prompt_tokens_total", t -> 400 * (t - S0), "app", "vllm", "pod", "vllm-0")
            .series("vllm:prefix_cache_queries_total", t -> 60 * (t - S0), "app", "vllm", "pod", "vllm-0")
            .series("vllm:prefix_cache_hits_total", t -> 15 * (t - S0), "app", "vllm", "pod", "vllm-0")
            .series("DCGM_FI_DEV_GPU_UTIL", t -> 80.0, "app", "dcgm", "gpu", "0")
            .series("DCGM_FI_DEV_GPU_UTIL", t -> 40.0, "app", "dcgm", "gpu", "1");

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() {
        prometheus.close();
        vertx.close();
    }

    private Scrapes collect() {
        MetricsSourceSpec spec = new MetricsSourceSpec("prometheus", "1s", null, Map.of("app", "vllm"), null, null,
                null, prometheus.baseUrl(), new MetricsSourceSpec.DcgmSpec(Map.of("app", "dcgm"), null, null, null));
        PrometheusSource source = new PrometheusSource(vertx, URI.create(prometheus.baseUrl()),
                PrometheusQueries.of(spec), Duration.ofSeconds(1));
        return source.start().finish(T0, T0.plusSeconds(20));
    }

    @Test
    void oneQueryRangePerMetricOverTheRunWindowWithTheIntervalAsStep() {
        Scrapes scrapes = collect();
        assertThat(prometheus.queries()).hasSize(ServerMetric.values().length).allSatisfy(q -> {
            assertThat(q.get("start")).isEqualTo(String.format("%.3f", S0));
            assertThat(q.get("end")).isEqualTo(String.format("%.3f", S0 + 20));
            assertThat(q.get("step")).isEqualTo("1.000");
        });
        assertThat(scrapes.failures()).isZero();
        assertThat(scrapes.source()).isEqualTo("prometheus " + prometheus.baseUrl());
        assertThat(scrapes.snapshots()).hasSize(21);
        assertThat(scrapes.snapshots().get(0).at()).isEqualTo(T0);
    }

    @Test
    void stepsBecomeSnapshotsWithTheScrapesAggregationRules() {
        ServerSnapshot late = collect().snapshots().get(15).snapshot();
        assertThat(late.value(ServerMetric.KV_CACHE_USAGE)).as("fullest pod").hasValue(0.9);
        assertThat(late.value(ServerMetric.WAITING)).as("both pods, not the other app").hasValue(15);
        assertThat(late.value(ServerMetric.GENERATION_TOKENS_TOTAL)).hasValue(150 * 15);
        assertThat(late.reading(ServerMetric.GPU_UTIL)).hasValueSatisfying(r -> {
            assertThat(r.mean()).isEqualTo(60);
            assertThat(r.max()).isEqualTo(80);
        });
    }

    @Test
    void theReportIsBuiltAsFromScrapesWithDerivedRatesAndAlerts() {
        RunData run = new RunData("t", T0.toString(), T0.plusSeconds(20).toString(), "closed", "users", "x", "m", 1,
                List.of(new StageInfo("low", 1, 10, false), new StageInfo("high", 8, 10, false)),
                List.of("chat"), List.of(), List.of(), false, null);
        ServerReport report = ServerReportBuilder.build(collect(), run);

        ServerReport.Stage low = report.stages().get(0);
        assertThat(low.metrics().get("kvCacheUsage").max()).isEqualTo(0.5);
        assertThat(low.metrics().get("waiting").max()).isEqualTo(3);
        assertThat(low.generationTokensPerSecond()).isEqualTo(150);
        assertThat(low.promptTokensPerSecond()).isEqualTo(400);
        assertThat(low.prefixCacheHitRate()).isEqualTo(0.25);
        ServerReport.Stage high = report.stages().get(1);
        assertThat(high.metrics().get("kvCacheUsage").max()).isEqualTo(0.9);
        assertThat(high.metrics().get("gpuUtil").mean()).isEqualTo(60);
        assertThat(report.alerts()).extracting(a -> a.stage() + " " + a.metric())
                .containsExactly("high kvCacheUsage", "high waiting");
        assertThat(report.overall().metrics().get("waiting").max()).isEqualTo(15);
        assertThat(report.overall().generationTokensPerSecond()).isEqualTo(150);
    }

    @Test
    void aFailedQueryLeavesOnlyItsMetricOut() {
        prometheus.failQueriesFor("DCGM_FI_DEV_GPU_UTIL");
        Scrapes scrapes = collect();
        assertThat(scrapes.failures()).isEqualTo(1);
        ServerSnapshot s = scrapes.snapshots().get(0).snapshot();
        assertThat(s.has(ServerMetric.GPU_UTIL)).isFalse();
        assertThat(s.has(ServerMetric.KV_CACHE_USAGE)).isTrue();
    }

    @Test
    void anUnreachablePrometheusGivesNoSnapshots() {
        PrometheusSource source = new PrometheusSource(vertx, URI.create("http://127.0.0.1:1"),
                Map.of(ServerMetric.WAITING, "{__name__=\"x\"}"), Duration.ofSeconds(5));
        Scrapes scrapes = source.finish(T0, T0.plusSeconds(20));
        assertThat(scrapes.snapshots()).isEmpty();
        assertThat(scrapes.failures()).isEqualTo(1);
    }

    @Test
    void longRunsGetALongerStepThanPrometheusMaximumPointsAllow() {
        assertThat(PrometheusSource.step(T0, T0.plusSeconds(600), Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(PrometheusSource.step(T0, T0.plus(Duration.ofHours(24)), Duration.ofSeconds(5)))
                .isEqualTo(Duration.ofMillis(8_640));
    }
}
