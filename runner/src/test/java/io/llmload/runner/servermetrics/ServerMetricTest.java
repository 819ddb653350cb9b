package io.llmload.runner.servermetrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerMetricTest {

    @Test
    void prefixDoesNotMatter() {
        assertThat(ServerMetric.RUNNING.rank("vllm:num_requests_running")).isZero();
        assertThat(ServerMetric.RUNNING.rank("num_requests_running")).isZero();
    }

    @Test
    void kvCachePrefersTheNewName() {
        assertThat(ServerMetric.KV_CACHE_USAGE.rank("vllm:kv_cache_usage_perc")).isZero();
        assertThat(ServerMetric.KV_CACHE_USAGE.rank("vllm:gpu_cache_usage_perc")).isPositive();
        assertThat(ServerMetric.KV_CACHE_USAGE.rank("gpu_cache_usage_perc")).isPositive();
        assertThat(ServerMetric.KV_CACHE_USAGE.rank("vllm:cpu_cache_usage_perc")).isEqualTo(-1);
    }

    @Test
    void countersMatchWithOrWithoutTotalPreferringTotal() {
        assertThat(ServerMetric.PROMPT_TOKENS_TOTAL.rank("vllm:prompt_tokens_total")).isZero();
        assertThat(ServerMetric.PROMPT_TOKENS_TOTAL.rank("prompt_tokens")).isEqualTo(1);
        assertThat(ServerMetric.PROMPT_TOKENS_TOTAL.rank("vllm:prompt_tokens_created")).isEqualTo(-1);
        assertThat(ServerMetric.PREEMPTIONS_TOTAL.rank("num_preemptions_total")).isZero();
    }

    @Test
    void gaugesDoNotTakeATotalSuffixNorHistogramSeries() {
        assertThat(ServerMetric.RUNNING.rank("vllm:num_requests_running_total")).isEqualTo(-1);
        assertThat(ServerMetric.GENERATION_TOKENS_TOTAL.rank("vllm:generation_tokens_bucket")).isEqualTo(-1);
        assertThat(ServerMetric.WAITING.rank("vllm:num_requests_waiting_by_reason")).isEqualTo(-1);
    }

    @Test
    void dcgmNamesAreExact() {
        assertThat(ServerMetric.GPU_UTIL.rank("DCGM_FI_DEV_GPU_UTIL")).isZero();
        assertThat(ServerMetric.GPU_UTIL.rank("dcgm_fi_dev_gpu_util")).isEqualTo(-1);
        assertThat(ServerMetric.SM_ACTIVE.rank("DCGM_FI_PROF_SM_ACTIVE")).isZero();
        assertThat(ServerMetric.FB_USED.rank("DCGM_FI_DEV_FB_FREE")).isEqualTo(-1);
    }

    @Test
    void everySampleNameMatchesAtMostOneMetric() {
        for (ServerMetric a : ServerMetric.values()) {
            for (String n : a.names()) {
                for (ServerMetric b : ServerMetric.values()) {
                    if (b != a) {
                        assertThat(b.rank(n)).as(n + " vs " + b).isEqualTo(-1);
                        assertThat(b.rank(n + "_total")).as(n + "_total vs " + b).isEqualTo(-1);
                    }
                }
            }
        }
    }
}
