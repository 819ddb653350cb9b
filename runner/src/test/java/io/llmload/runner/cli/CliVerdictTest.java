package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exit code follows the verdict: an SLO no server can meet is a Breach and exits 1. */
class CliVerdictTest {

    @TempDir
    Path dir;

    @Test
    void impossibleSloIsABreachWithExitCodeOne() throws Exception {
        Path file = dir.resolve("strict.yaml");
        Files.writeString(file, "apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\nmetadata: {name: strict}\n"
                + "spec:\n"
                + "  target: {simulator: {profile: tiny}}\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {text: hello}, output: {maxTokens: {value: 32}}}]}\n"
                + "  load: {model: closed, stages: [{duration: 1s, users: 2}]}\n"
                // 32 tokens at >= 2 ms a step cannot finish within 4 x 1 ms.
                + "  slo: {e2e: {p95: 1ms}}\n");
        CliResult result = CliResult.run("run", file.toString(), "--quiet", "--out", dir.resolve("out").toString());
        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).as(result.out()).isEqualTo(1);
        assertThat(result.out()).contains("MISSED e2e p95").contains("Verdict: Breach");

        CliResult replay = CliResult.run("report", dir.resolve("out").toString());
        assertThat(replay.exitCode()).isEqualTo(1);
        assertThat(replay.out()).contains("Verdict: Breach");
    }
}
