package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.runner.metrics.Histograms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, end to end: quickstart on the embedded simulator writes a complete report. */
class QuickstartRunTest {

    private static final List<String> TOP_LEVEL = List.of("name", "startTime", "endTime", "verdict", "overall",
            "stages", "requestTypes", "slo", "server", "capacity", "cost", "histograms");
    private static final List<String> AGGREGATE = List.of("requests", "errors", "errorRate", "requestsPerSecond",
            "outputTokensPerSecond", "ttftMs", "itlMs", "tpotMs", "e2eMs");
    private static final List<String> ERROR_CLASSES = List.of("total", "rateLimited", "server", "client", "timeout",
            "connection", "protocol");
    private static final List<String> PERCENTILES = List.of("p50", "p90", "p95", "p99", "max", "mean");

    @TempDir
    Path out;

    @Test
    void quickstartRunsAndWritesEveryReportField() throws Exception {
        Path quickstart = RepoFiles.root().resolve("examples/quickstart.yaml");
        CliResult result = CliResult.run("run", quickstart.toString(), "--duration-scale", "0.2", "--quiet",
                "--out", out.toString());

        assertThat(result.err()).isEmpty();
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        // The verdict depends on timing (a busy CI box may push the tail past the SLO); what must hold is that the
        // exit code, the console and the report agree.
        String verdict = report.get("verdict").asText();
        assertThat(verdict).isIn("Pass", "Degraded", "Breach");
        assertThat(result.exitCode()).as(result.out()).isEqualTo(verdict.equals("Breach") ? 1 : 0);
        assertThat(result.out()).contains("Verdict: " + verdict).contains("heavy").contains("overall");

        for (String field : TOP_LEVEL) {
            assertThat(report.has(field)).as("report.json has %s", field).isTrue();
        }
        assertThat(report.get("name").asText()).isEqualTo("quickstart");
        assertThat(report.get("stages")).hasSize(3);
        assertThat(report.get("stages").get(2).get("name").asText()).isEqualTo("heavy");
        assertThat(report.get("stages").get(2).get("level").asDouble()).isEqualTo(32);
        assertThat(report.get("requestTypes")).hasSize(2);
        assertThat(report.get("slo").size()).isGreaterThanOrEqualTo(4);

        long stageRequests = 0;
        for (JsonNode stage : report.get("stages")) {
            assertAggregate(stage);
            stageRequests += stage.get("requests").asLong();
        }
        JsonNode overall = report.get("overall");
        assertAggregate(overall);
        assertThat(overall.get("requests").asLong()).isEqualTo(stageRequests).isGreaterThan(20);
        assertThat(overall.get("errorRate").asDouble()).isZero();
        assertThat(overall.get("outputTokensPerSecond").asDouble()).isPositive();

        // The histograms hold every measured request (warmup cells too, marked by their stage).
        long histogramRequests = 0;
        for (JsonNode cell : report.get("histograms")) {
            if (!cell.get("stage").asText().equals("warmup")) {
                histogramRequests += Histograms.decode(cell.get("histograms").get("e2e").asText()).getTotalCount();
            }
        }
        assertThat(histogramRequests).isEqualTo(overall.get("succeeded").asLong());

        // Header, 3 stages, 2 request types, each type in each stage, overall.
        assertThat(Files.readAllLines(out.resolve("report.csv"))).hasSize(1 + 3 + 2 + 2 * 3 + 1);
        assertThat(Files.readString(out.resolve("report.html"))).contains("data-chart=\"ttft-time\"")
                .contains("quickstart");
    }

    private static void assertAggregate(JsonNode aggregate) {
        for (String field : AGGREGATE) {
            assertThat(aggregate.has(field)).as("%s has %s", aggregate.get("name"), field).isTrue();
        }
        for (String errorClass : ERROR_CLASSES) {
            assertThat(aggregate.get("errors").has(errorClass)).isTrue();
        }
        for (String metric : List.of("ttftMs", "itlMs", "tpotMs", "e2eMs")) {
            JsonNode p = aggregate.get(metric);
            for (String percentile : PERCENTILES) {
                assertThat(p.get(percentile).asDouble()).as("%s.%s", metric, percentile).isPositive();
            }
            assertThat(p.get("p50").asDouble()).isLessThanOrEqualTo(p.get("p95").asDouble());
            assertThat(p.get("p95").asDouble()).isLessThanOrEqualTo(p.get("p99").asDouble());
            assertThat(p.get("p99").asDouble()).isLessThanOrEqualTo(p.get("max").asDouble());
        }
        // TTFT comes before the end of the request.
        assertThat(aggregate.get("ttftMs").get("p50").asDouble()).isLessThan(aggregate.get("e2eMs").get("p50").asDouble());
    }
}
