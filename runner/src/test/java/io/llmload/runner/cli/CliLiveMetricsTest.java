package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmload.runner.servermetrics.PrometheusTextParser;
import io.llmload.runner.servermetrics.Sample;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code llmload run --metrics-port}: the live meters served while the run goes on, and bad ports refused. */
class CliLiveMetricsTest {

    private static final String MANIFEST = """
            apiVersion: llmload.io/v1alpha1
            kind: LlmLoadTest
            metadata: {name: live-cli}
            spec:
              workload:
                mix:
                  - {name: chat, api: chat, stream: true, prompt: {inputTokens: {value: 16}},
                     output: {maxTokens: {value: 8}}}
              load: {model: closed, stages: [{name: steady, duration: 4s, users: 2}]}
            """;
    private static final Pattern SERVED = Pattern.compile("live metrics on http://localhost:(\\d+)/metrics");

    @Test
    void servesTheRunsMetricsWhileItRunsAndStopsAfterwards(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("live.yaml"), MANIFEST);
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cli.execute("run", file.toString(),
                "--out", dir.resolve("out").toString(), "--metrics-port", "0", "--quiet"));

        Matcher served = await().atMost(Duration.ofSeconds(30)).until(() -> SERVED.matcher(out.toString()),
                Matcher::find);
        int port = Integer.parseInt(served.group(1));
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + port + "/metrics");
        // Requests are counted while the run goes on, labelled with the test, stage and request type.
        await().atMost(Duration.ofSeconds(30)).until(() -> requests(http, uri) > 0);

        assertThat(run.get()).isEqualTo(ExitCodes.OK);
        String report = Files.readString(dir.resolve("out/report.json"));
        assertThat(report).contains("\"steady\"");
        // The server stopped with the run.
        assertThat(reachable(http, uri)).isFalse();
    }

    @Test
    void aPortOutOfRangeOrInUseIsABadInput(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("live.yaml"), MANIFEST);
        CliResult outOfRange = CliResult.run("run", file.toString(), "--metrics-port", "70000");
        assertThat(outOfRange.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(outOfRange.err()).contains("--metrics-port: 70000 is not a port (0 to 65535)");

        try (ServerSocket taken = new ServerSocket(0)) {
            CliResult inUse = CliResult.run("run", file.toString(), "--metrics-port",
                    Integer.toString(taken.getLocalPort()));
            assertThat(inUse.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(inUse.err()).contains("--metrics-port: cannot serve metrics on 0.0.0.0:"
                    + taken.getLocalPort() + ": address already in use");
        }
    }

    private static double requests(HttpClient http, URI uri) throws Exception {
        String body = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
        List<Sample> samples = PrometheusTextParser.parse(body).samples();
        return samples.stream().filter(s -> s.name().equals("llmload_requests_total")
                && "live-cli".equals(s.labels().get("test")) && "steady".equals(s.labels().get("stage"))
                && "chat".equals(s.labels().get("type"))).mapToDouble(Sample::value).sum();
    }

    private static boolean reachable(HttpClient http, URI uri) {
        try {
            http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
