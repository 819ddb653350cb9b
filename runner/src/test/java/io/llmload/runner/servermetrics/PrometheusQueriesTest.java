package io.llmload.runner.servermetrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.spec.MetricsSourceSpec;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The documented PromQL: one plain selector per metric, every name it may have, the spec's labels as matchers. */
class PrometheusQueriesTest {

    private static final MetricsSourceSpec SPEC = new MetricsSourceSpec("prometheus", null, null,
            Map.of("app", "vllm", "tier", "a\"b"), "models", null, null, "http://prom:9090",
            new MetricsSourceSpec.DcgmSpec(Map.of("app", "nvidia-dcgm-exporter"), "gpu-operator", null, null));

    @Test
    void serverMetricsMatchVllmAndNimNamesWithThePodLabelsAndNamespace() {
        Map<ServerMetric, String> q = PrometheusQueries.of(SPEC);
        assertThat(q).hasSize(ServerMetric.values().length);
        assertThat(q.get(ServerMetric.KV_CACHE_USAGE)).isEqualTo("{__name__=~\"(vllm:)?(kv_cache_usage_perc|"
                + "gpu_cache_usage_perc)\", app=\"vllm\", tier=\"a\\\"b\", namespace=\"models\"}");
        assertThat(q.get(ServerMetric.PREEMPTIONS_TOTAL)).startsWith(
                "{__name__=~\"(vllm:)?(num_preemptions)(_total)?\", app=\"vllm\"");
    }

    @Test
    void dcgmMetricsUseTheExportersLabels() {
        assertThat(PrometheusQueries.of(SPEC).get(ServerMetric.GPU_UTIL)).isEqualTo(
                "{__name__=~\"(DCGM_FI_DEV_GPU_UTIL)\", app=\"nvidia-dcgm-exporter\", namespace=\"gpu-operator\"}");
        MetricsSourceSpec noDcgm = new MetricsSourceSpec("prometheus", null, null, null, null, null, null,
                "http://prom:9090", null);
        assertThat(PrometheusQueries.of(noDcgm).get(ServerMetric.POWER_USAGE))
                .isEqualTo("{__name__=~\"(DCGM_FI_DEV_POWER_USAGE)\"}");
    }

    @Test
    void nameRegexesMatchExactlyTheNamesAScrapeWouldAccept() {
        Pattern counter = Pattern.compile(PrometheusQueries.nameRegex(ServerMetric.GENERATION_TOKENS_TOTAL));
        assertThat(counter.matcher("vllm:generation_tokens_total").matches()).isTrue();
        assertThat(counter.matcher("generation_tokens_total").matches()).isTrue();
        assertThat(counter.matcher("generation_tokens").matches()).isTrue();
        assertThat(counter.matcher("vllm:generation_tokens_created").matches()).isFalse();
        assertThat(counter.matcher("vllm:request_generation_tokens_sum").matches()).isFalse();
        Pattern gauge = Pattern.compile(PrometheusQueries.nameRegex(ServerMetric.WAITING));
        assertThat(gauge.matcher("num_requests_waiting").matches()).isTrue();
        assertThat(gauge.matcher("vllm:num_requests_waiting_total").matches()).isFalse();
    }
}
