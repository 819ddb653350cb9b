package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spec.workload.tokenizerFile from the CLI: a path next to the manifest; a missing file is one line, exit 2. */
class TokenizerFileCliTest {

    @TempDir
    Path dir;

    private Path manifest(String tokenizerPath) throws Exception {
        return Files.writeString(dir.resolve("t.yaml"), "apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n"
                + "metadata: {name: tok}\nspec:\n"
                + "  target: {metrics: {source: none}}\n"
                + "  workload:\n    tokenizerFile: {path: " + tokenizerPath + "}\n"
                + "    mix: [{name: chat, api: chat, prompt: {inputTokens: {value: 50}}, output: {maxTokens: {value: 4}}}]\n"
                + "  load: {model: closed, stages: [{duration: 1s, users: 1}]}\n");
    }

    @Test
    void aTokenizerFileNextToTheManifestIsUsed() throws Exception {
        Files.copy(Path.of(System.getProperty("llmload.repo.root"),
                "runner/src/test/resources/tokenizers/llama3-style-tiny.json"), dir.resolve("tokenizer.json"));
        CliResult result = CliResult.run("run", manifest("tokenizer.json").toString(), "--out",
                dir.resolve("out").toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        var report = new ObjectMapper().readTree(dir.resolve("out").resolve("report.json").toFile());
        assertThat(report.get("overall").get("errors").get("total").asLong()).isZero();
        assertThat(report.get("overall").get("requests").asLong()).isPositive();
    }

    @Test
    void aMissingTokenizerFileIsOneLine() throws Exception {
        CliResult result = CliResult.run("run", manifest("nope.json").toString(), "--out", dir.resolve("out").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: spec.workload.tokenizerFile: file not found: "
                + dir.resolve("nope.json") + System.lineSeparator());
    }
}
