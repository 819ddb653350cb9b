package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.runner.servermetrics.FakeHttpServer;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without spec.target.model the CLI asks GET /v1/models: the only model is used (and the console and the report say
 * so); several models, none, or a server that cannot be reached are one line each, exit 2. {@code --target} works
 * on a manifest written for the simulator, whose simulator block is then ignored.
 */
class ModelDiscoveryCliTest {

    private static final String SIMULATOR_MANIFEST = "apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n"
            + "metadata: {name: disco}\nspec:\n"
            + "  target:\n    simulator: {profile: tiny, seed: 3}\n    metrics: {source: none}\n"
            + "  workload: {mix: [{name: chat, api: chat, prompt: {text: hello}, output: {maxTokens: {value: 4}}}]}\n"
            + "  load: {model: closed, stages: [{duration: 1s, users: 1}]}\n";

    @TempDir
    Path dir;

    @Test
    void theServersOnlyModelIsUsedAndTheReportSaysHowItWasChosen() throws Exception {
        Path file = Files.writeString(dir.resolve("m.yaml"), SIMULATOR_MANIFEST);
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withModelName("meta-llama/Llama-3.1-8B"))) {
            CliResult result = CliResult.run("run", file.toString(), "--target", sim.baseUrl(), "--out", out());
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out())
                    .contains("target: spec.target.simulator is ignored: the load goes to " + sim.baseUrl())
                    .contains("target: model meta-llama/Llama-3.1-8B (the only model at GET /v1/models)");
            JsonNode run = report().get("run");
            assertThat(run.get("model").asText()).isEqualTo("meta-llama/Llama-3.1-8B");
            assertThat(run.get("modelSource").asText()).isEqualTo("discovered");
            assertThat(report().get("overall").get("errors").get("total").asLong()).isZero();
            assertThat(report().get("overall").get("requests").asLong()).isPositive();
        }
    }

    @Test
    void theModelOptionWinsAndIsRecorded() throws Exception {
        Path file = Files.writeString(dir.resolve("m.yaml"), SIMULATOR_MANIFEST);
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withModelName("qwen"))) {
            CliResult result = CliResult.run("run", file.toString(), "--target", sim.baseUrl(), "--model", "qwen",
                    "--out", out());
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("target: model qwen (from --model)");
            assertThat(report().get("run").get("modelSource").asText()).isEqualTo("--model");
        }
    }

    @Test
    void severalModelsAreListedInOneLine() throws Exception {
        try (FakeHttpServer server = new FakeHttpServer()) {
            server.route("/v1/models", r -> new FakeHttpServer.Answer(200, "{\"object\":\"list\",\"data\":["
                    + "{\"id\":\"llama-8b\",\"object\":\"model\"},{\"id\":\"llama-8b-lora-sql\",\"object\":\"model\","
                    + "\"parent\":\"llama-8b\"},{\"id\":\"qwen-7b\",\"object\":\"model\"}]}"));
            CliResult result = run(server.baseUrl());
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).isEqualTo("error: spec.target.model: not set, and the server serves 3 models "
                    + "(llama-8b, llama-8b-lora-sql, qwen-7b): set spec.target.model (CLI: --model) to one of them"
                    + System.lineSeparator());
        }
    }

    @Test
    void noModelIsAnError() throws Exception {
        try (FakeHttpServer server = new FakeHttpServer()) {
            server.route("/v1/models", r -> new FakeHttpServer.Answer(200, "{\"object\":\"list\",\"data\":[]}"));
            CliResult result = run(server.baseUrl());
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err().strip()).isEqualTo("error: spec.target.model: not set, and GET " + server.baseUrl()
                    + "/v1/models lists no model: set spec.target.model (CLI: --model)");
        }
    }

    @Test
    void aServerWithoutTheModelsEndpointSaysSo() throws Exception {
        try (FakeHttpServer server = new FakeHttpServer()) {
            CliResult result = run(server.baseUrl());
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err().strip()).isEqualTo("error: spec.target.model: not set, and GET "
                    + server.baseUrl() + "/v1/models answered HTTP 404 not found: set spec.target.model (CLI: --model)");
        }
    }

    @Test
    void anUnreachableServerIsAnErrorNotAStackTrace() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliResult result = run("http://127.0.0.1:" + port);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).startsWith("error: spec.target.model: not set, and the server's models "
                + "cannot be listed (GET http://127.0.0.1:" + port + "/v1/models: connection refused")
                .endsWith(": set spec.target.model (CLI: --model)").doesNotContain("\tat ");
    }

    private CliResult run(String url) throws Exception {
        Path file = Files.writeString(dir.resolve("m.yaml"), SIMULATOR_MANIFEST);
        return CliResult.run("run", file.toString(), "--target", url, "--out", out());
    }

    private String out() {
        return dir.resolve("out").toString();
    }

    private JsonNode report() throws Exception {
        return new ObjectMapper().readTree(dir.resolve("out").resolve("report.json").toFile());
    }
}
