package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.report.Aggregate;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * `llmload run` on the embedded simulator with tokensPerChunk: the manifest's simulator setting reaches the
 * simulator (streams flagged), and the SLO reaches the engine (goodput judged per request, here none good).
 */
@Timeout(60)
class CliTokenTruthGoodputTest {

    @TempDir
    Path dir;

    @Test
    void packedChunksAreFlaggedAndGoodputUsesTheManifestsSlo() throws Exception {
        Path file = dir.resolve("packed.yaml");
        Files.writeString(file, "apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\nmetadata: {name: packed}\n"
                + "spec:\n"
                + "  target: {simulator: {profile: tiny, tokensPerChunk: 4}}\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {text: hello}, output: {maxTokens: {value: 16}}}]}\n"
                + "  load: {model: closed, stages: [{duration: 2s, users: 2}]}\n"
                + "  slo: {ttft: {p95: 1ms}}\n");
        CliResult result = CliResult.run("run", file.toString(), "--quiet", "--scrape-interval", "off", "--out",
                dir.resolve("out").toString());

        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("GOODPUT", "Token truth: 100.00% of streams");
        Report report = ReportFiles.read(dir.resolve("out").resolve("report.json"));
        Aggregate overall = report.overall();
        assertThat(overall.succeeded()).isPositive();
        assertThat(overall.multiTokenChunkRate()).isEqualTo(1.0);
        // No stream reaches its first token within 1 ms: no request is good, though all succeeded.
        assertThat(overall.goodput()).isEqualTo(0.0);
        assertThat(overall.retries()).isNull();
    }
}
