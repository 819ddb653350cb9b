package io.llmload.runner.servermetrics;

import static io.llmload.runner.servermetrics.ServerMetric.FB_USED;
import static io.llmload.runner.servermetrics.ServerMetric.GENERATION_TOKENS_TOTAL;
import static io.llmload.runner.servermetrics.ServerMetric.GPU_UTIL;
import static io.llmload.runner.servermetrics.ServerMetric.KV_CACHE_USAGE;
import static io.llmload.runner.servermetrics.ServerMetric.POWER_USAGE;
import static io.llmload.runner.servermetrics.ServerMetric.PREEMPTIONS_TOTAL;
import static io.llmload.runner.servermetrics.ServerMetric.PREFIX_CACHE_HITS_TOTAL;
import static io.llmload.runner.servermetrics.ServerMetric.PREFIX_CACHE_QUERIES_TOTAL;
import static io.llmload.runner.servermetrics.ServerMetric.PROMPT_TOKENS_TOTAL;
import static io.llmload.runner.servermetrics.ServerMetric.RUNNING;
import static io.llmload.runner.servermetrics.ServerMetric.SM_ACTIVE;
import static io.llmload.runner.servermetrics.ServerMetric.WAITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSnapshotTest {

    private static ServerSnapshot snapshot(String... files) {
        List<Sample> all = new ArrayList<>();
        for (String f : files) {
            all.addAll(Exposition.parsed(f).samples());
        }
        return ServerSnapshot.from(all);
    }

    private static double value(ServerSnapshot s, ServerMetric m) {
        assertThat(s.value(m)).as(m.name()).isPresent();
        return s.value(m).getAsDouble();
    }

    @Test
    void vllm() {
        ServerSnapshot s = snapshot("vllm.txt");
        assertThat(value(s, KV_CACHE_USAGE)).isEqualTo(0.4375);
        assertThat(value(s, RUNNING)).isEqualTo(7);
        assertThat(value(s, WAITING)).isEqualTo(3);
        assertThat(value(s, PREEMPTIONS_TOTAL)).isEqualTo(2); // not the _created timestamp
        assertThat(value(s, PROMPT_TOKENS_TOTAL)).isEqualTo(123_456);
        assertThat(value(s, GENERATION_TOKENS_TOTAL)).isEqualTo(65_432);
        assertThat(value(s, PREFIX_CACHE_QUERIES_TOTAL)).isEqualTo(120_000);
        assertThat(value(s, PREFIX_CACHE_HITS_TOTAL)).isEqualTo(48_000);
        assertThat(s.has(GPU_UTIL)).isFalse();
        assertThat(s.value(SM_ACTIVE)).isEmpty();
        assertThat(s.readings()).hasSize(8);
    }

    @Test
    void olderVllmFallsBackToGpuCacheUsage() {
        ServerSnapshot s = snapshot("vllm-v0.txt");
        assertThat(value(s, KV_CACHE_USAGE)).isEqualTo(0.93); // not cpu_cache_usage_perc
        assertThat(value(s, RUNNING)).isEqualTo(12);
        assertThat(value(s, WAITING)).isEqualTo(14);
        assertThat(value(s, PREEMPTIONS_TOTAL)).isEqualTo(17);
        assertThat(value(s, PROMPT_TOKENS_TOTAL)).isEqualTo(5.5e6);
        assertThat(value(s, GENERATION_TOKENS_TOTAL)).isEqualTo(2.25e6);
        assertThat(s.has(PREFIX_CACHE_HITS_TOTAL)).isFalse();
        assertThat(s.has(PREFIX_CACHE_QUERIES_TOTAL)).isFalse();
    }

    @Test
    void nimWithoutPrefix() {
        ServerSnapshot s = snapshot("nim.txt");
        assertThat(value(s, KV_CACHE_USAGE)).isEqualTo(0.125);
        assertThat(value(s, RUNNING)).isEqualTo(4);
        assertThat(value(s, WAITING)).isZero();
        assertThat(value(s, PROMPT_TOKENS_TOTAL)).isEqualTo(9000);
        assertThat(value(s, GENERATION_TOKENS_TOTAL)).isEqualTo(3000);
        assertThat(s.has(PREEMPTIONS_TOTAL)).isFalse();
    }

    @Test
    void dcgmTwoGpusKeepsMeanAndMax() {
        ServerSnapshot s = snapshot("dcgm.txt");
        assertThat(s.reading(GPU_UTIL)).contains(new Reading(66, 132, 66, 87, 2));
        assertThat(s.reading(FB_USED)).contains(new Reading(71_000, 142_000, 71_000, 72_000, 2));
        assertThat(s.reading(POWER_USAGE)).contains(new Reading(446.5, 893, 446.5, 512.25, 2));
        Reading sm = s.reading(SM_ACTIVE).orElseThrow();
        assertThat(sm.mean()).isCloseTo(0.6625, within(1e-12));
        assertThat(sm.max()).isEqualTo(0.9125);
        assertThat(sm.series()).isEqualTo(2);
        assertThat(s.has(KV_CACHE_USAGE)).isFalse();
    }

    @Test
    void serverAndGpuScrapesMerge() {
        ServerSnapshot s = snapshot("vllm.txt", "dcgm.txt");
        assertThat(s.readings()).hasSize(ServerMetric.values().length);
    }

    @Test
    void twoPodsConcatenatedSumQueuesAndCountersAndMaxKvCache() {
        ServerSnapshot s = ServerSnapshot.from(samples("""
                # TYPE vllm:num_requests_running gauge
                vllm:num_requests_running{model_name="m"} 5.0
                # TYPE vllm:num_requests_waiting gauge
                vllm:num_requests_waiting{model_name="m"} 1.0
                # TYPE vllm:kv_cache_usage_perc gauge
                vllm:kv_cache_usage_perc{model_name="m"} 0.25
                # TYPE vllm:num_preemptions_total counter
                vllm:num_preemptions_total{model_name="m"} 0.0
                # TYPE vllm:generation_tokens_total counter
                vllm:generation_tokens_total{model_name="m"} 1000.0
                """, """
                # TYPE vllm:num_requests_running gauge
                vllm:num_requests_running{model_name="m"} 8.0
                # TYPE vllm:num_requests_waiting gauge
                vllm:num_requests_waiting{model_name="m"} 11.0
                # TYPE vllm:kv_cache_usage_perc gauge
                vllm:kv_cache_usage_perc{model_name="m"} 0.875
                # TYPE vllm:num_preemptions_total counter
                vllm:num_preemptions_total{model_name="m"} 4.0
                # TYPE vllm:generation_tokens_total counter
                vllm:generation_tokens_total{model_name="m"} 2500.0
                """));
        assertThat(s.reading(RUNNING)).contains(new Reading(13, 13, 6.5, 8, 2));
        assertThat(value(s, WAITING)).isEqualTo(12);
        assertThat(s.reading(KV_CACHE_USAGE)).contains(new Reading(0.875, 1.125, 0.5625, 0.875, 2));
        assertThat(value(s, PREEMPTIONS_TOTAL)).isEqualTo(4);
        assertThat(value(s, GENERATION_TOKENS_TOTAL)).isEqualTo(3500);
    }

    @Test
    void bothKvNamesOnOneServerCountOnce() {
        ServerSnapshot s = ServerSnapshot.from(samples("""
                vllm:gpu_cache_usage_perc{model_name="m"} 0.5
                vllm:kv_cache_usage_perc{model_name="m"} 0.25
                """));
        assertThat(s.reading(KV_CACHE_USAGE)).contains(new Reading(0.25, 0.25, 0.25, 0.25, 1));
    }

    @Test
    void mixedVersionPodsTaggedByPodEachUseTheirBestName() {
        List<Sample> all = new ArrayList<>();
        samples("vllm:kv_cache_usage_perc{model_name=\"m\"} 0.25\n").forEach(x -> all.add(x.withLabel("pod", "new")));
        samples("vllm:gpu_cache_usage_perc{model_name=\"m\"} 0.75\n").forEach(x -> all.add(x.withLabel("pod", "old")));
        assertThat(ServerSnapshot.from(all).reading(KV_CACHE_USAGE)).contains(new Reading(0.75, 1.0, 0.5, 0.75, 2));
    }

    @Test
    void vllmAndNimPodsBothCount() {
        ServerSnapshot s = ServerSnapshot.from(samples("vllm:num_requests_running{model_name=\"m\"} 3\n",
                "num_requests_running{model_name=\"m\"} 4\n"));
        assertThat(value(s, RUNNING)).isEqualTo(7);
    }

    @Test
    void nanIsNoValueAndInfinityIsKept() {
        ServerSnapshot s = ServerSnapshot.from(samples("""
                vllm:kv_cache_usage_perc{model_name="m"} NaN
                vllm:num_requests_running{model_name="m"} NaN
                vllm:num_requests_running{model_name="n"} 2
                vllm:num_requests_waiting{model_name="m"} +Inf
                """));
        assertThat(s.has(KV_CACHE_USAGE)).isFalse();
        assertThat(s.reading(RUNNING)).contains(new Reading(2, 2, 2, 2, 1));
        assertThat(value(s, WAITING)).isInfinite();
    }

    @Test
    void emptyScrapeHasNothing() {
        assertThat(ServerSnapshot.from(List.of()).readings()).isEmpty();
    }

    private static List<Sample> samples(String... texts) {
        List<Sample> all = new ArrayList<>();
        for (String t : texts) {
            PrometheusTextParser.Parsed p = PrometheusTextParser.parse(t);
            assertThat(p.malformedLines()).isZero();
            all.addAll(p.samples());
        }
        return all;
    }
}
