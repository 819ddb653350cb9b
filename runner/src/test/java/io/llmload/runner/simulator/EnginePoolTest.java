package io.llmload.runner.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmload.runner.servermetrics.PrometheusTextParser;
import io.llmload.runner.servermetrics.Sample;
import io.llmload.runner.servermetrics.ServerMetric;
import io.llmload.runner.servermetrics.ServerSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The simulator's autoscaling mode over HTTP: one endpoint in front of several engines, vLLM's metrics per engine as
 * a scrape of every pod would see them, the replica gauges, least-loaded routing, and new engines that serve only
 * after the cold start.
 */
class EnginePoolTest {

    /** An autoscaler that never acts within a test (it would need a minute of higher recommendations). */
    private static ScalingPolicy fixed(int replicas) {
        return new ScalingPolicy(replicas, 4, ScalingMetric.KV_CACHE_USAGE, 0.5, Duration.ofMillis(100),
                Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    private static Simulator start(ScalingPolicy policy) {
        return Simulator.start(SimulatorConfig.defaults().withScaling(policy));
    }

    /** A stream long enough to still run while the test looks (2000 tokens at ~2 ms each on the tiny profile). */
    private static CompletableFuture<SimHttp.Sse> longStream(SimHttp http, String id) {
        return http.streamAsync("/v1/chat/completions", SimHttp.chatBody("hello", 2000, true, false), id);
    }

    private static List<Sample> scrape(SimHttp http) {
        PrometheusTextParser.Parsed parsed = PrometheusTextParser.parse(http.get("/metrics").body());
        assertThat(parsed.malformedLines()).isZero();
        return parsed.samples();
    }

    private static Map<String, Double> perPod(List<Sample> samples, String name) {
        return samples.stream().filter(s -> s.name().equals(name))
                .collect(Collectors.toMap(s -> s.labels().get("pod"), Sample::value));
    }

    private static double gauge(List<Sample> samples, String name) {
        return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).sum();
    }

    @Test
    void metricsShowEveryEngineAsAPodAndTheReplicaGauges() {
        try (Simulator sim = start(fixed(2))) {
            List<Sample> samples = scrape(new SimHttp(sim.baseUrl()));

            assertThat(perPod(samples, "vllm:num_requests_running")).containsOnlyKeys("engine-0", "engine-1");
            assertThat(perPod(samples, "vllm:generation_tokens_total")).containsOnlyKeys("engine-0", "engine-1");
            assertThat(gauge(samples, ReplicaGauges.DESIRED)).isEqualTo(2);
            assertThat(gauge(samples, ReplicaGauges.READY)).isEqualTo(2);
            assertThat(samples).filteredOn(s -> s.name().equals(ReplicaGauges.AUTOSCALER_TARGET))
                    .extracting(s -> s.labels().get(ReplicaGauges.METRIC_LABEL), Sample::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("kv_cache_usage_perc", 0.5));
            assertThat(sim.scalingHistory()).isPresent();
        }
    }

    @Test
    void requestsGoToTheLeastLoadedEngineAndTheirMetricsAddUpLikePods() {
        try (Simulator sim = start(fixed(2))) {
            SimHttp http = new SimHttp(sim.baseUrl());
            CompletableFuture<SimHttp.Sse> a = longStream(http, "a");
            await().atMost(Duration.ofSeconds(10)).until(() -> gauge(scrape(http), "vllm:num_requests_running") == 1);
            CompletableFuture<SimHttp.Sse> b = longStream(http, "b");
            await().atMost(Duration.ofSeconds(10)).until(() -> gauge(scrape(http), "vllm:num_requests_running") == 2);

            List<Sample> samples = scrape(http);
            assertThat(perPod(samples, "vllm:num_requests_running")).containsEntry("engine-0", 1.0)
                    .containsEntry("engine-1", 1.0);
            // Summed like the series of two pods (the report's server section reads them this way).
            assertThat(ServerSnapshot.from(samples).value(ServerMetric.RUNNING).getAsDouble()).isEqualTo(2);
            assertThat(sim.state().running()).isEqualTo(2);
            assertThat(SimHttp.join(a).status()).isEqualTo(200);
            assertThat(SimHttp.join(b).status()).isEqualTo(200);
        }
    }

    @Test
    void aNewEngineServesOnlyAfterTheColdStartAndThenTakesNewRequests() {
        // Any KV usage asks for a second engine at once; it is Ready a second after the decision.
        ScalingPolicy eager = new ScalingPolicy(1, 2, ScalingMetric.KV_CACHE_USAGE, 0.0001, Duration.ofMillis(50),
                Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(1));
        try (Simulator sim = start(eager)) {
            SimHttp http = new SimHttp(sim.baseUrl());
            CompletableFuture<SimHttp.Sse> first = longStream(http, "first");
            ScalingHistory history = sim.scalingHistory().orElseThrow();
            await().atMost(Duration.ofSeconds(10)).until(() -> history.changes().stream().anyMatch(
                    c -> c.ready() && c.engine().equals("engine-1")));

            ScalingHistory.Decision up = history.decisions().get(0);
            assertThat(up.from()).isEqualTo(1);
            assertThat(up.to()).isEqualTo(2);
            ScalingHistory.ReplicaChange joined = history.changes().stream()
                    .filter(c -> c.engine().equals("engine-1")).findFirst().orElseThrow();
            assertThat(Duration.between(up.at(), joined.at())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(joined.readyAfter()).isEqualTo(2);
            assertThat(history.readyCountReached(2, up.at())).isEqualTo(joined.at());

            CompletableFuture<SimHttp.Sse> second = longStream(http, "second");
            await().atMost(Duration.ofSeconds(10)).until(() -> perPod(scrape(http), "vllm:num_requests_running")
                    .getOrDefault("engine-1", 0.0) == 1.0);
            assertThat(SimHttp.join(first).status()).isEqualTo(200);
            assertThat(SimHttp.join(second).status()).isEqualTo(200);
        }
    }
}
