package io.llmload.runner.autoscaling.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.autoscaling.ReplicaSample;
import io.llmload.runner.autoscaling.ReplicaTimeline;
import io.llmload.runner.servermetrics.FakeHttpServer;
import io.llmload.runner.servermetrics.FakePrometheus;
import io.llmload.runner.servermetrics.PrometheusTextParser;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI's two replica sources: the simulator's gauges, read while the run goes on, and Prometheus, asked after. */
class ReplicaSourcesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void gaugesGiveDesiredReadyAndTheAutoscalersMetric() {
        String text = """
                llmload_sim_replicas_desired{model_name="m"} 3.0
                llmload_sim_replicas_ready{model_name="m"} 1.0
                llmload_sim_autoscaler_metric{model_name="m",metric="kv_cache_usage_perc"} 0.93
                llmload_sim_autoscaler_target{model_name="m",metric="kv_cache_usage_perc"} 0.6
                vllm:num_requests_running{model_name="m",pod="engine-0"} 27.0
                """;
        ReplicaSample s = GaugeReplicaSource.parse(T0, PrometheusTextParser.parse(text).samples());

        assertThat(s).isEqualTo(new ReplicaSample(T0, 3, 1, null, Map.of("kv_cache_usage_perc", 0.93), "gauges"));
        assertThat(GaugeReplicaSource.parse(T0, PrometheusTextParser.parse("vllm:num_requests_running 2\n").samples()))
                .as("a server without replica gauges").isNull();
    }

    @Test
    void aServerWithoutGaugesCountsFailuresAndGivesNoReadings() throws Exception {
        try (FakeHttpServer server = new FakeHttpServer()) {
            server.text("/metrics", "vllm:num_requests_running 2\n");
            GaugeReplicaSource source = new GaugeReplicaSource(URI.create(server.baseUrl() + "/metrics"),
                    Duration.ofSeconds(10));
            ReplicaTimeline timeline = source.start().finish(T0, T0);

            assertThat(timeline.samples()).isEmpty();
            assertThat(timeline.failures()).isPositive();
            assertThat(timeline.source()).isEqualTo("replica gauges of " + server.baseUrl() + "/metrics every 10s");
        }
    }

    @Test
    void prometheusGivesOneReadingPerStepAndAddsUpSeveralSeries() {
        double start = T0.getEpochSecond();
        try (FakePrometheus prometheus = new FakePrometheus()
                .series("kube_deployment_spec_replicas", t -> t < start + 10 ? 1.0 : 3.0, "deployment", "vllm")
                .series("kube_deployment_status_replicas_ready", t -> t < start + 20 ? 1.0 : 3.0, "deployment",
                        "vllm")
                .series("vllm:num_requests_waiting", t -> 4.0, "pod", "vllm-0")
                .series("vllm:num_requests_waiting", t -> 2.0, "pod", "vllm-1")) {
            PrometheusReplicaSource source = new PrometheusReplicaSource(URI.create(prometheus.baseUrl()),
                    "{__name__=~\"kube_deployment_spec_replicas\", deployment=\"vllm\"}",
                    "{__name__=~\"kube_deployment_status_replicas_ready\", deployment=\"vllm\"}",
                    Map.of("waiting", "{__name__=~\"vllm:num_requests_waiting\"}"), Duration.ofSeconds(1));
            ReplicaTimeline timeline = source.start().finish(T0, T0.plusSeconds(30));

            assertThat(timeline.failures()).isZero();
            assertThat(timeline.pollInterval()).isEqualTo(Duration.ofSeconds(1));
            List<ReplicaSample> samples = timeline.samples();
            assertThat(samples).hasSize(31);
            assertThat(samples.get(0)).isEqualTo(new ReplicaSample(T0, 1, 1, null, Map.of("waiting", 6.0),
                    "prometheus"));
            assertThat(samples.get(15).desired()).isEqualTo(3);
            assertThat(samples.get(15).ready()).isEqualTo(1);
            assertThat(samples.get(25).ready()).isEqualTo(3);
        }
    }

    @Test
    void aFailedQueryIsCountedAndLeavesItsPartOut() {
        try (FakePrometheus prometheus = new FakePrometheus()
                .series("kube_deployment_spec_replicas", t -> 2.0)
                .series("kube_deployment_status_replicas_ready", t -> 2.0)
                .failQueriesFor("kube_deployment_spec_replicas")) {
            ReplicaTimeline timeline = new PrometheusReplicaSource(URI.create(prometheus.baseUrl()),
                    "{__name__=~\"kube_deployment_spec_replicas\"}",
                    "{__name__=~\"kube_deployment_status_replicas_ready\"}", null, Duration.ofSeconds(5))
                    .finish(T0, T0.plusSeconds(10));

            assertThat(timeline.failures()).isEqualTo(1);
            assertThat(timeline.samples()).hasSize(3).allMatch(s -> s.desired() == null && s.ready() == 2);
        }
    }
}
