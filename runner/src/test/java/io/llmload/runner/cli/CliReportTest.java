package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.report.ReportFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llmload report FILE [--html] [--csv] [--out DIR]}: every format again, also from a report of main@6dff9de. */
class CliReportTest {

    static final Path OLD_REPORT = RepoFiles.root()
            .resolve("runner/src/test/resources/reports/quickstart-main-6dff9de.json");

    @TempDir
    Path dir;

    @Test
    void outWritesEveryFormatOfAnOldReportAndKeepsItsJsonAsItIs() throws Exception {
        Path out = dir.resolve("again");
        CliResult r = CliResult.run("report", OLD_REPORT.toString(), "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Verdict: Pass", "Written: " + out.resolve(ReportFiles.JSON),
                "Written: " + out.resolve(ReportFiles.CSV), "Written: " + out.resolve(ReportFiles.HTML));
        assertThat(Files.readAllBytes(out.resolve(ReportFiles.JSON))).isEqualTo(Files.readAllBytes(OLD_REPORT));
        // Header, 3 stages, 2 request types, each type in each stage, overall — as `run` writes it.
        assertThat(Files.readAllLines(out.resolve(ReportFiles.CSV))).hasSize(1 + 3 + 2 + 2 * 3 + 1)
                .anyMatch(l -> l.startsWith("stage,heavy,32,"));
        assertThat(Files.readString(out.resolve(ReportFiles.HTML))).contains("<h1>quickstart</h1>",
                "data-chart=\"ttft-time\"", "data-chart=\"ttft-percentiles-stage\"", "data-chart=\"ttft-load\"",
                "data-chart=\"server-kv-cache\"", "<h2>Stages</h2>");
    }

    @Test
    void htmlAloneRewritesOnlyTheHtmlBesideTheReport() throws Exception {
        Path copy = Files.copy(OLD_REPORT, Files.createDirectories(dir.resolve("run")).resolve(ReportFiles.JSON));
        CliResult r = CliResult.run("report", copy.getParent().toString(), "--html");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Written: " + copy.resolveSibling(ReportFiles.HTML))
                .doesNotContain(ReportFiles.CSV);
        assertThat(copy.resolveSibling(ReportFiles.HTML)).exists();
        assertThat(copy.resolveSibling(ReportFiles.CSV)).doesNotExist();
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(OLD_REPORT));
    }

    @Test
    void csvAloneWithOutWritesOnlyTheCsvThere() {
        Path out = dir.resolve("csv-only");
        CliResult r = CliResult.run("report", OLD_REPORT.toString(), "--csv", "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(out.resolve(ReportFiles.CSV)).exists();
        assertThat(out.resolve(ReportFiles.HTML)).doesNotExist();
        assertThat(out.resolve(ReportFiles.JSON)).doesNotExist();
    }

    @Test
    void withoutFlagsItOnlyPrintsTheSummary() throws Exception {
        Path copy = Files.copy(OLD_REPORT, dir.resolve("report.json"));
        CliResult r = CliResult.run("report", copy.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Verdict: Pass").doesNotContain("Written:");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(copy);
        }
    }

    @Test
    void badInputExitsTwoWithOneLine() throws Exception {
        Path missing = dir.resolve("nope.json");
        CliResult r = CliResult.run("report", missing.toString(), "--html");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip()).isEqualTo("error: " + missing + ": no such file");

        Path notAReport = Files.writeString(dir.resolve("other.json"), "{\"kind\": \"Pod\"}");
        r = CliResult.run("report", notAReport.toString(), "--out", dir.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("error: " + notAReport + ": not an llmload report").hasLineCount(1);
        assertThat(dir.resolve("x")).doesNotExist();

        Path aFile = Files.writeString(dir.resolve("in-the-way"), "");
        r = CliResult.run("report", OLD_REPORT.toString(), "--out", aFile.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("error: cannot write reports to " + aFile + ": ").hasLineCount(1)
                .doesNotContain("Exception");
    }
}
