package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dataset that becomes unreadable mid-run stops the run with the reason, instead of silently losing users. */
class EngineDatasetTest {

    @TempDir
    Path dir;

    @Test
    void aDatasetThatCannotBeReopenedAbortsTheRunNamingTheFile() throws Exception {
        Path file = dir.resolve("two.jsonl");
        Files.writeString(file, "{\"prompt\": \"first\"}\n{\"prompt\": \"second\"}\n");
        String yaml = EngineRuns.manifest("{model: closed, stages: [{duration: 20s, users: 1}]}",
                "{name: d, api: chat, prompt: {dataset: {path: '" + file + "'}}, output: {maxTokens: {value: 2}}}");
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults())) {
            // The reader starts the file over every two requests; after the first progress tick it is gone.
            EngineRuns run = EngineRuns.run(yaml, simulator.baseUrl(), 4, progress -> {
                try {
                    Files.deleteIfExists(file);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(run.data.aborted()).isTrue();
            assertThat(run.data.abortReason()).isEqualTo("cannot prepare a request: " + file + ": file not found");
            assertThat(run.data.datasets()).singleElement().satisfies(u -> {
                assertThat(u.usableEntries()).isEqualTo(2);
                assertThat(u.readCompletely()).isTrue();
            });
        }
    }
}
