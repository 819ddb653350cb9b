package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.simulator.FaultInjection;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A tripped guardrail ends `llmload run` early: outcome aborted with the reason, partial results kept, exit 1. */
// A run that fails to stop must fail the test, not hang the build.
@Timeout(30)
class CliGuardrailTest {

    @TempDir
    Path dir;

    @Test
    void errorRateGuardrailAbortsTheRunAndExitsOne() throws Exception {
        FaultInjection halfFail = new FaultInjection(0, 1, 0.5, 0, 0, 0);
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withFaults(halfFail))) {
            Path file = dir.resolve("failing.yaml");
            Files.writeString(file, "apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\nmetadata: {name: failing}\n"
                    + "spec:\n"
                    + "  target: {url: '" + simulator.baseUrl() + "', model: " + simulator.config().modelName() + "}\n"
                    + "  workload: {mix: [{name: chat, api: chat, prompt: {text: hello}, output: {maxTokens: {value: 8}}}]}\n"
                    + "  load: {model: closed, stages: [{duration: 60s, users: 4}]}\n"
                    + "  guardrails: {abortOnErrorRate: 5%, window: 5s}\n");
            long started = System.nanoTime();
            CliResult result = CliResult.run("run", file.toString(), "--quiet", "--out", dir.resolve("out").toString());
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(result.err()).isEmpty();
            assertThat(result.exitCode()).as(result.out()).isEqualTo(1);
            assertThat(result.out()).contains("(aborted: guardrail abortOnErrorRate: error rate ");
            assertThat(seconds).as("a 60 s plan").isLessThan(15);
            String json = Files.readString(dir.resolve("out").resolve("report.json"));
            assertThat(json).contains("\"outcome\" : \"aborted\"")
                    .containsPattern("\"abortReason\" : \"guardrail abortOnErrorRate: error rate [0-9.]+% "
                            + "\\(\\d+ of \\d+ requests\\) over the last [1-5]s > 5%\"");
        }
    }
}
