package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Datasets through the CLI: validate scans them, run uses them, and a broken one is a clear error (exit 2). */
class DatasetCliTest {

    private static final String HEADER = "apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\nmetadata: {name: ds}\n";

    @TempDir
    Path dir;

    private Path manifest(String datasetFields) throws Exception {
        Path file = dir.resolve("test.yaml");
        Files.writeString(file, HEADER + "spec:\n"
                + "  target: {simulator: {profile: tiny}}\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {dataset: {" + datasetFields + "}}, "
                + "output: {maxTokens: {value: 8}}}]}\n"
                + "  load: {model: closed, stages: [{duration: 1s, users: 2}]}\n");
        return file;
    }

    @Test
    void validateReadsTheShippedSampleThroughThePathRelativeToTheManifest() {
        CliResult result = CliResult.run("validate", RepoFiles.root().resolve("examples/sharegpt.yaml").toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("  dataset sharegpt: 42 usable entries, 0 broken");
    }

    @Test
    void validateListsBrokenEntriesAndFailsWhenTheyAreNotSkipped() throws Exception {
        Files.writeString(dir.resolve("d.jsonl"), "{\"prompt\": \"fine\"}\n{\"prompt\": 3}\n\n{oops\n");
        CliResult lenient = CliResult.run("validate", manifest("path: d.jsonl").toString());
        assertThat(lenient.exitCode()).isZero();
        assertThat(lenient.out()).contains("  dataset chat: 1 usable entries, 2 broken (skipped in a run)",
                "    line 2: \"prompt\" must be a non-empty string", "    line 4: not valid JSON (column 2): Unexpected character");

        CliResult strict = CliResult.run("validate", manifest("path: d.jsonl, skipInvalid: false").toString());
        assertThat(strict.exitCode()).isEqualTo(2);
        assertThat(strict.err().strip()).isEqualTo("error: spec.workload.mix[0].prompt.dataset: "
                + dir.resolve("d.jsonl") + ": line 2: \"prompt\" must be a non-empty string (skipInvalid is false)");
    }

    @Test
    void runWithoutAUsableEntryStopsBeforeSendingWithTheFieldAndTheFirstProblem() throws Exception {
        Files.writeString(dir.resolve("none.jsonl"), "{\"question\": \"where is the prompt?\"}\n");
        CliResult result = CliResult.run("run", manifest("path: none.jsonl").toString(), "--out",
                dir.resolve("out").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("error: spec.workload.mix[0].prompt.dataset: "
                + dir.resolve("none.jsonl") + ": no usable entry; first problem: line 1: has neither "
                + "\"conversations\" (ShareGPT) nor \"prompt\" (plain JSONL)");
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void runSkipsBrokenEntriesAndSaysSoInTheSummaryAndTheReport() throws Exception {
        Files.writeString(dir.resolve("d.jsonl"), "{\"prompt\": \"one\"}\nbroken\n{\"prompt\": \"two\", \"max_tokens\": 4}\n");
        Path out = dir.resolve("out");
        CliResult result = CliResult.run("run", manifest("path: d.jsonl").toString(), "--quiet", "--out",
                out.toString());
        assertThat(result.exitCode()).as(result.err()).isIn(0, 1);
        assertThat(result.out()).contains("Dataset chat: 1 broken entry skipped, e.g. line 2: not valid JSON");
        JsonNode dataset = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("run")
                .get("datasets").get(0);
        assertThat(dataset.get("requestType").asText()).isEqualTo("chat");
        assertThat(dataset.get("usableEntries").asLong()).isEqualTo(2);
        assertThat(dataset.get("skippedEntries").asLong()).isEqualTo(1);
        assertThat(dataset.get("problems").get(0).asText()).startsWith("line 2: not valid JSON");
        assertThat(dataset.get("readCompletely").asBoolean()).isTrue();
    }

    @Test
    void theShareGptExampleRunsOnTheEmbeddedSimulatorWithTokenCountsAgreeing() throws Exception {
        Path out = dir.resolve("sharegpt");
        CliResult result = CliResult.run("run", RepoFiles.root().resolve("examples/sharegpt.yaml").toString(),
                "--duration-scale", "0.2", "--quiet", "--out", out.toString());
        assertThat(result.err()).isEmpty();
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode type = report.get("requestTypes").get(0);
        assertThat(type.get("requests").asLong()).isGreaterThan(10);
        assertThat(type.get("errorRate").asDouble()).isZero();
        // The simulator counts with cl100k_base like the client: usage and client counts agree on every request.
        assertThat(type.get("usageMismatchRate").asDouble()).isZero();
        JsonNode dataset = report.get("run").get("datasets").get(0);
        assertThat(dataset.get("usableEntries").asLong()).isEqualTo(42);
        assertThat(dataset.get("skippedEntries").asLong()).isZero();
    }
}
