package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one clear line per problem, naming the field, and exit code 2 — never a stack trace. */
class CliBadInputTest {

    @TempDir
    Path dir;

    private Path manifest(String yaml) throws Exception {
        Path file = dir.resolve("test.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static final String HEADER = "apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\nmetadata: {name: bad}\n";

    @Test
    void badStageDurationNamesTheFieldAndExitsTwo() throws Exception {
        Path file = manifest(HEADER + "spec:\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {text: hi}}]}\n"
                + "  load: {model: closed, stages: [{duration: 10s, users: 2}, {duration: soon, users: 4}]}\n");
        CliResult result = CliResult.run("run", file.toString(), "--out", dir.resolve("out").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo(
                "error: spec.load.stages[1].duration: 'soon' must be a positive duration like 500ms, 30s, 5m or 1h");
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void everyViolationIsReportedOnItsOwnLine() throws Exception {
        Path file = manifest(HEADER + "spec:\n"
                + "  workload: {mix: [{name: chat, api: chatty, prompt: {text: hi}}]}\n"
                + "  load: {model: open, stages: [{duration: 10s, users: 2}]}\n"
                + "  slo: {errorRate: 150%}\n");
        CliResult result = CliResult.run("validate", file.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().lines().filter(l -> l.startsWith("error: "))).containsExactly(
                "error: spec.workload.mix[0].api: must be one of chat, completions, embeddings, responses, rerank, score, rag",
                "error: spec.load.stages[0].users: the open model takes rate (arrivals per second), not users",
                "error: spec.load.stages[0].rate: required for the open model: arrivals per second >= 0",
                "error: spec.slo.errorRate: '150%' must be a percentage like 1% or 0.1%, or a fraction between 0 and 1");
    }

    @Test
    void unknownFieldIsNamedWithTheKnownOnes() throws Exception {
        Path file = manifest(HEADER + "spec:\n  load: {modle: closed}\n");
        CliResult result = CliResult.run("validate", file.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("error: spec.load.modle: unknown field 'modle' (known: arrival, gracefulStop,");
    }

    @Test
    void anUnknownFieldDoesNotHideTheManifestsOtherProblems() throws Exception {
        // Before, the reader stopped at the first unknown field: the user fixed it, ran again, met the next problem.
        Path file = manifest(HEADER + "spec:\n"
                + "  workload: {mix: [{name: chat, api: chatty, colour: red, prompt: {text: hi}}]}\n"
                + "  load: {model: closed, stagez: 1, stages: [{duration: soon, users: many}, {duration: 5s, users: -1}]}\n"
                + "  slo: {errorRate: 150%}\n");
        CliResult result = CliResult.run("validate", file.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().lines().filter(l -> l.startsWith("error: "))
                .map(l -> l.replaceAll(" \\(known: .*\\)", " (known: ...)"))).containsExactlyInAnyOrder(
                "error: spec.workload.mix[0].colour: unknown field 'colour' (known: ...)",
                "error: spec.load.stagez: unknown field 'stagez' (known: ...)",
                "error: spec.load.stages[0].users: 'many' is not a valid number",
                "error: spec.workload.mix[0].api: must be one of chat, completions, embeddings, responses, rerank, score, rag",
                "error: spec.load.stages[0].duration: 'soon' must be a positive duration like 500ms, 30s, 5m or 1h",
                "error: spec.load.stages[1].users: required for the closed model: concurrent users >= 0",
                "error: spec.slo.errorRate: '150%' must be a percentage like 1% or 0.1%, or a fraction between 0 and 1");
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void yamlSyntaxErrorGivesTheLine() throws Exception {
        Path file = manifest(HEADER + "spec:\n  load: {model: closed\n  slo: [\n");
        CliResult result = CliResult.run("run", file.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: (yaml): not valid YAML at line");
    }

    @Test
    void missingFileExitsTwo() {
        CliResult result = CliResult.run("run", dir.resolve("nope.yaml").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("nope.yaml: file not found");
    }

    @Test
    void badFlagExitsTwo() {
        CliResult result = CliResult.run("run", "--duration-scale", "fast", "x.yaml");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: ").contains("--duration-scale");
    }

    @Test
    void missingApiKeyVariableExitsTwoBeforeAnyLoad() throws Exception {
        Path file = manifest(HEADER + "spec:\n"
                + "  target: {url: 'http://127.0.0.1:1', model: m, apiKeyEnv: LLMLOAD_TEST_KEY_THAT_IS_NOT_SET}\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {text: hi}}]}\n"
                + "  load: {model: closed, stages: [{duration: 1s, users: 1}]}\n");
        CliResult result = CliResult.run("run", file.toString(), "--out", dir.resolve("out").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("error: spec.target.apiKeyEnv: environment variable "
                + "LLMLOAD_TEST_KEY_THAT_IS_NOT_SET is not set");
    }

    @Test
    void aBadSimulatorPoolNamesTheOption() {
        CliResult tooMany = CliResult.run("simulate", "--port", "0", "--max-replicas", "20");
        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.err().strip()).isEqualTo("error: --max-replicas: must be between 1 and 16");
        CliResult coldStart = CliResult.run("simulate", "--port", "0", "--max-replicas", "2", "--cold-start", "slow");
        assertThat(coldStart.exitCode()).isEqualTo(2);
        assertThat(coldStart.err().strip()).startsWith("error: --cold-start: 'slow' must be a positive duration");
        CliResult withoutMax = CliResult.run("simulate", "--port", "0", "--min-replicas", "2");
        assertThat(withoutMax.exitCode()).isEqualTo(2);
        assertThat(withoutMax.err()).contains("--max-replicas");
    }
}
