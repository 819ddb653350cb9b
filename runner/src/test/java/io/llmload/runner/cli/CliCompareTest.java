package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.runner.compare.KnownReports;
import io.llmload.runner.report.ReportFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llmload compare}: the table, the files, and exit code 2 with one line for bad files. */
class CliCompareTest {

    @TempDir
    Path dir;
    private Path a;
    private Path b;

    @BeforeEach
    void writeReports() throws Exception {
        ReportFiles.writeAll(KnownReports.aWithServer(), dir.resolve("a"));
        ReportFiles.writeAll(KnownReports.b(), dir.resolve("b"));
        a = dir.resolve("a").resolve(ReportFiles.JSON);
        b = dir.resolve("b"); // a directory holding report.json works too
    }

    @Test
    void printsEveryScopeSideBySideWithDeltaAndMarker() {
        CliResult r = CliResult.run("compare", a.toString(), b.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("A: baseline", "B: cached", "Verdict:  Pass -> Degraded  WORSE",
                "Capacity: A holds 4 concurrent users at SLO", "B holds 8 concurrent users at SLO (no saturation up to "
                        + "8 users)  better",
                "stage light  (tier Normal -> Normal  same)", "stage heavy  (tier Degraded -> Normal  better)",
                "request type chat", "Stages only in A (not compared): spike",
                "Stages only in B (not compared): soak", "Request types only in A (not compared): rag",
                "Request types only in B (not compared): embed");
        assertThat(line(r.out(), "TTFT p95", 0)).matches("\\s*TTFT p95\\s+200\\.0ms\\s+150\\.0ms\\s+-25\\.0%\\s+better");
        assertThat(line(r.out(), "error rate", 0)).matches("\\s*error rate\\s+1\\.00%\\s+2\\.00%\\s+\\+100\\.0%\\s+WORSE");
        assertThat(line(r.out(), "cost / 1M out tok", 0)).matches("\\s*cost / 1M out tok\\s+10\\s+8\\s+-20\\.0%\\s+better");
        assertThat(line(r.out(), "output tok/s", 0)).matches("\\s*output tok/s\\s+1000\\s+995\\s+-0\\.5%\\s+same");
        assertThat(line(r.out(), "requests", 0)).matches("\\s*requests\\s+300\\s+360\\s+\\+20\\.0%");
    }

    @Test
    void quietPrintsOnlyTheHeadlineAndOutWritesJsonAndHtml() throws Exception {
        Path out = dir.resolve("cmp");
        CliResult r = CliResult.run("compare", a.toString(), b.toString(), "--out", out.toString(), "--quiet");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("overall", "Verdict:", "compare.json").doesNotContain("stage light", "only in");
        JsonNode json = ReportFiles.mapper().readTree(out.resolve("compare.json").toFile());
        JsonNode ttft = null;
        for (JsonNode m : json.path("overall").path("metrics")) {
            if (m.path("metric").asText().equals("ttftP95Ms")) {
                ttft = m;
            }
        }
        assertThat(ttft).isNotNull();
        assertThat(ttft.path("deltaPercent").asDouble()).isEqualTo(-25.0);
        assertThat(ttft.path("change").asText()).isEqualTo("better");
        assertThat(json.path("verdict").path("change").asText()).isEqualTo("worse");
        assertThat(json.path("stagesOnlyInB").get(0).asText()).isEqualTo("soak");
        assertThat(json.path("a").path("file").asText()).isEqualTo(a.toString());

        String html = Files.readString(out.resolve("compare.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script src", "<link", "http://cdn")
                .contains("data-chart=\"ttft-load\"")
                .contains("<h2>Stage heavy</h2>", "<td>TTFT p95</td><td>200 ms</td><td>150 ms</td><td>-25%</td>"
                        + "<td class=\"better\">better</td>", "Stages only in A (not compared): spike",
                        "holds 8 concurrent users at SLO");
    }

    @Test
    void aMissingFileExitsTwoNamingIt() {
        Path missing = dir.resolve("nope.json");
        CliResult r = CliResult.run("compare", a.toString(), missing.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip()).isEqualTo("error: " + missing + ": no such file");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aFileThatIsNotAReportExitsTwoNamingItAndTheProblem() throws Exception {
        Path other = Files.writeString(dir.resolve("package.json"), "{\"name\": \"x\", \"version\": \"1.0\"}");
        CliResult r = CliResult.run("compare", other.toString(), a.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("error: " + other + ": not an llmload report (no 'overall' and 'stages'")
                .hasLineCount(1);

        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"name\": ");
        r = CliResult.run("compare", a.toString(), broken.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("error: " + broken + ": not an llmload report (").hasLineCount(1)
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void failOnExitsOneWhenBCrossesALimitAndPrintsEveryLimit() throws Exception {
        Path out = dir.resolve("gate");
        CliResult r = CliResult.run("compare", a.toString(), b.toString(), "--quiet", "--out", out.toString(),
                "--fail-on", "ttft.p95>+10%,ttft.p99>+10%,rps<-5%,capacity<=-1level");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.BREACH);
        assertThat(r.out()).contains("Regression check (B against A)");
        assertThat(line(r.out(), "TTFT p95", 1)).matches("\\s*TTFT p95\\s+>\\+10%\\s+200\\.0ms\\s+150\\.0ms\\s+-25%\\s+ok");
        assertThat(line(r.out(), "TTFT p99", 1)).matches("\\s*TTFT p99\\s+>\\+10%\\s+400\\.0ms\\s+500\\.0ms\\s+\\+25%\\s+REGRESSED");
        assertThat(line(r.out(), "capacity", 0)).matches("\\s*capacity\\s+-1 level\\s+4\\s+8\\s+\\+1 level\\s+ok");
        assertThat(r.out()).contains("Result: REGRESSED: TTFT p99 +25% (limit >+10%) against report A (baseline)");
        JsonNode json = ReportFiles.mapper().readTree(out.resolve("regression.json").toFile());
        assertThat(json.path("outcome").asText()).isEqualTo("Regressed");
        assertThat(json.path("rows").get(1).path("change").asDouble()).isEqualTo(25.0);
        assertThat(json.path("rows").get(1).path("regressed").asBoolean()).isTrue();
    }

    @Test
    void failOnExitsZeroWithinTheLimits() {
        CliResult r = CliResult.run("compare", a.toString(), b.toString(), "--quiet", "--fail-on",
                "ttftP95: +10%, goodput: -5%");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Result: no regression (2 limits checked)");
    }

    @Test
    void aBadFailOnExpressionExitsTwoWithOneLineBeforeReadingAnyReport() {
        CliResult r = CliResult.run("compare", a.toString(), dir.resolve("missing.json").toString(), "--fail-on",
                "ttft.p95>+10%,rps>+5%");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip()).isEqualTo("error: --fail-on: 'rps>+5%': requestsPerSecond regresses when it "
                + "falls: write -5% (a rise is an improvement)");
        assertThat(r.out()).isEmpty();
    }

    /** The {@code index}-th line that starts (after indentation) with {@code label}. */
    private static String line(String out, String label, int index) {
        return out.lines().filter(l -> l.strip().startsWith(label + " ")).skip(index).findFirst().orElseThrow();
    }
}
