package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's own metrics, scraped during a run: overloading the simulator shows its KV cache filling and requests
 * waiting (with alerts); a light run shows neither. The simulator reports these from its batching model.
 */
class CliServerMetricsTest {

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
