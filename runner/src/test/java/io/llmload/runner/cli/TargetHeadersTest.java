package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.servermetrics.FakeHttpServer;
import io.llmload.runner.spec.LlmLoadTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extra headers reach the server on every call to it — the model listing, each request and the scrape of its
 * /metrics — while their values never reach the console, report.json, report.csv or report.html.
 */
class TargetHeadersTest {

    private static final String SECRET = "gw-secret-7f3a9c";

    @TempDir
    Path dir;

    @Test
    void headersReachTheServerAndTheirValuesNoOutput() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (FakeHttpServer server = new FakeHttpServer()) {
            server.route("/v1/models", r -> {
                seen.add(r.path() + " " + r.getHeader("X-Gateway-Key") + " " + r.getHeader("X-Tenant"));
                return new FakeHttpServer.Answer(200, "{\"object\":\"list\",\"data\":[{\"id\":\"m\"}]}");
            });
            server.route("/v1/chat/completions", r -> {
                seen.add(r.path() + " " + r.getHeader("X-Gateway-Key") + " " + r.getHeader("X-Tenant"));
                return new FakeHttpServer.Answer(200, "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{"
                        + "\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi there\"},"
                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}");
            });
            server.route("/metrics", r -> {
                seen.add(r.path() + " " + r.getHeader("X-Gateway-Key") + " " + r.getHeader("X-Tenant"));
                return new FakeHttpServer.Answer(200, "vllm:num_requests_running{model_name=\"m\"} 1\n");
            });
            Path file = Files.writeString(dir.resolve("h.yaml"), "apiVersion: llmload.io/v1alpha1\n"
                    + "kind: LlmLoadTest\nmetadata: {name: headers}\nspec:\n"
                    + "  target:\n    url: " + server.baseUrl() + "\n"
                    + "    headers:\n      - {name: X-Gateway-Key, valueFromEnv: GATEWAY_KEY}\n"
                    + "      - {name: X-Tenant, value: team-a}\n"
                    + "    metrics: {interval: 200ms}\n"
                    + "  workload: {mix: [{name: chat, api: chat, stream: false, prompt: {text: hello}}]}\n"
                    + "  load: {model: closed, stages: [{duration: 1s, users: 1}]}\n");
            LlmLoadTest test = ManifestLoader.load(file, null);
            StringWriter console = new StringWriter();
            PrintWriter out = new PrintWriter(console, true);
            Report report = new LocalRun(test, 1.0, null, false, Map.of("GATEWAY_KEY", SECRET))
                    .run(p -> out.println(p), notice -> out.println("target: " + notice));
            SummaryTable.print(report, out);
            Path reports = dir.resolve("out");
            ReportFiles.writeAll(report, reports);

            assertThat(seen).contains("/v1/models " + SECRET + " team-a", "/v1/chat/completions " + SECRET
                    + " team-a", "/metrics " + SECRET + " team-a");
            assertThat(seen).allSatisfy(line -> assertThat(line).endsWith(SECRET + " team-a"));
            assertThat(report.overall().requests()).isPositive();
            assertThat(report.run().get("headers")).isEqualTo(List.of("X-Gateway-Key (env GATEWAY_KEY)",
                    "X-Tenant (inline)"));
            assertThat(console.toString()).contains("model m").doesNotContain(SECRET);
            try (Stream<Path> files = Files.list(reports)) {
                assertThat(files.toList()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(f -> assertThat(Files.readString(f))
                        .as(f.getFileName().toString()).doesNotContain(SECRET));
            }
        }
    }
}
