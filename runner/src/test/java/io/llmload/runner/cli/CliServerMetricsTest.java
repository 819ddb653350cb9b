package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.runner.servermetrics.FakeHttpServer;
import io.llmload.runner.servermetrics.FakePrometheus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's own metrics, scraped during a run: overloading the simulator shows its KV cache filling and requests
 * waiting (with alerts); a light run shows neither. The simulator reports these from its batching model.
 */
class CliServerMetricsTest {

    /** A DCGM exporter on a node with two GPUs (as in servermetrics/dcgm.txt). */
    private static final String DCGM = """
            DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-0",pod="vllm-0"} 87
            DCGM_FI_DEV_GPU_UTIL{gpu="1",UUID="GPU-1",pod="vllm-0"} 45
            DCGM_FI_DEV_POWER_USAGE{gpu="0",UUID="GPU-0",pod="vllm-0"} 512.25
            DCGM_FI_DEV_POWER_USAGE{gpu="1",UUID="GPU-1",pod="vllm-0"} 380.75
            """;

    @TempDir
    Path dir;

    @Test
    void anOverloadShowsTheKvCacheFullAndAQueueWithAlerts() throws Exception {
        JsonNode server = run("overload", 150, 250, 150);
        JsonNode stage = server.get("stages").get(0);
        assertThat(stage.get("metrics").get("kvCacheUsage").get("max").asDouble()).isGreaterThan(0.8);
        assertThat(stage.get("metrics").get("waiting").get("max").asDouble()).isGreaterThan(10);
        assertThat(server.get("alerts")).extracting(a -> a.get("metric").asText())
                .contains("kvCacheUsage", "waiting");
    }

    @Test
    void aLightRunShowsNoQueueAndNoAlerts() throws Exception {
        JsonNode server = run("light", 2, 32, 16);
        JsonNode stage = server.get("stages").get(0);
        assertThat(stage.get("metrics").get("waiting").get("max").asDouble()).isZero();
        assertThat(stage.get("metrics").get("kvCacheUsage").get("max").asDouble()).isLessThan(0.1);
        assertThat(stage.get("metrics").get("generationTokens").get("increase").asDouble()).isPositive();
        assertThat(server.get("alerts")).isEmpty();
    }

    @Test
    void theDcgmExporterIsScrapedBesideTheServerAtTheManifestsInterval() throws Exception {
        try (FakeHttpServer dcgm = new FakeHttpServer()) {
            dcgm.text("/metrics", DCGM);
            JsonNode server = runWithMetrics("gpu", "{interval: 200ms, dcgm: {url: '" + dcgm.baseUrl() + "/metrics'}}");
            assertThat(server.get("source").asText()).startsWith("http://127.0.0.1:").endsWith(", " + dcgm.baseUrl()
                    + "/metrics");
            assertThat(server.get("scrapes").asInt()).as("200ms, not the 5s default").isGreaterThanOrEqualTo(5);
            JsonNode metrics = server.get("stages").get(0).get("metrics");
            assertThat(metrics.get("gpuUtil").get("mean").asDouble()).isEqualTo(66.0);
            assertThat(metrics.get("gpuUtil").get("max").asDouble()).isEqualTo(87.0);
            assertThat(metrics.get("powerUsage").get("max").asDouble()).isEqualTo(512.25);
            assertThat(metrics.get("kvCacheUsage")).isNotNull();
            assertThat(server.get("overall").get("metrics").get("gpuUtil").get("mean").asDouble()).isEqualTo(66.0);
            assertThat(server.get("stages").get(0).get("generationTokensPerSecond").asDouble()).isPositive();
        }
    }

    @Test
    void aPrometheusServerIsAskedForTheRunWindowAtTheEnd() throws Exception {
        try (FakePrometheus prometheus = new FakePrometheus()
                .series("vllm:kv_cache_usage_perc", t -> 0.95, "app", "vllm")
                .series("vllm:num_requests_waiting", t -> 20.0, "app", "vllm")
                .series("vllm:generation_tokens_total", t -> 100 * (t - 1.7e9), "app", "vllm")) {
            JsonNode server = runWithMetrics("prom", "{source: prometheus, prometheusUrl: '" + prometheus.baseUrl()
                    + "', podSelector: {app: vllm}, interval: 1s}");
            assertThat(server.get("source").asText()).isEqualTo("prometheus " + prometheus.baseUrl());
            JsonNode stage = server.get("stages").get(0);
            assertThat(stage.get("metrics").get("kvCacheUsage").get("max").asDouble()).isEqualTo(0.95);
            assertThat(stage.get("generationTokensPerSecond").asDouble()).isCloseTo(100, within(0.01));
            assertThat(server.get("alerts")).extracting(a -> a.get("metric").asText())
                    .containsExactly("kvCacheUsage", "waiting");
            // Queries run concurrently: take the KV-cache one (the DCGM queries carry no server selector).
            var window = prometheus.queries().stream().filter(q -> q.get("query").contains("kv_cache")).findFirst()
                    .orElseThrow();
            double seconds = Double.parseDouble(window.get("end")) - Double.parseDouble(window.get("start"));
            assertThat(seconds).as("the run: 3s of load").isBetween(2.9, 30.0);
            assertThat(window.get("query")).contains("app=\"vllm\"");
        }
    }

    private JsonNode runWithMetrics(String name, String metrics) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, "apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\nmetadata: {name: " + name + "}\n"
                + "spec:\n"
                + "  target: {simulator: {profile: tiny}, metrics: " + metrics + "}\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {inputTokens: {value: 32}},"
                + " output: {maxTokens: {value: 16}}}]}\n"
                + "  load: {model: closed, stages: [{name: only, duration: 3s, users: 2}]}\n");
        Path out = dir.resolve(name);
        CliResult result = CliResult.run("run", file.toString(), "--quiet", "--out", out.toString());
        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).as(result.out()).isZero();
        return new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("server");
    }

    private JsonNode run(String name, int users, int promptTokens, int outputTokens) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, "apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\nmetadata: {name: " + name + "}\n"
                + "spec:\n"
                + "  target: {simulator: {profile: tiny}}\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {inputTokens: {value: " + promptTokens + "}},"
                + " output: {maxTokens: {value: " + outputTokens + "}}}]}\n"
                + "  load: {model: closed, stages: [{name: only, duration: 3s, users: " + users + "}]}\n");
        Path out = dir.resolve(name);
        CliResult result = CliResult.run("run", file.toString(), "--quiet", "--scrape-interval", "200ms",
                "--out", out.toString());
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("Server (http://127.0.0.1:");
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode server = report.get("server");
        assertThat(server.get("scrapes").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(server.get("stages")).hasSize(1);
        return server;
    }
}
