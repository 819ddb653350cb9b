package io.llmload.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.compare.KnownReports;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report stored gzip-compressed (the operator's report ConfigMap) reads like the plain report.json. */
class ReportFilesGzipTest {

    @TempDir
    Path dir;

    @Test
    void aGzipReportReadsTheSameAsThePlainOne() throws Exception {
        Report report = KnownReports.aWithServer();
        ReportFiles.writeAll(report, dir);
        Path gz = Files.write(dir.resolve("report.json.gz"), ReportFiles.gzip(ReportFiles.mapper().valueToTree(report)));

        Report plain = ReportFiles.read(dir.resolve(ReportFiles.JSON));
        Report compressed = ReportFiles.read(gz);
        assertThat(ReportFiles.toJson(compressed)).isEqualTo(ReportFiles.toJson(plain));
        assertThat(Files.size(gz)).isLessThan(Files.size(dir.resolve(ReportFiles.JSON)) / 3);
    }
}
