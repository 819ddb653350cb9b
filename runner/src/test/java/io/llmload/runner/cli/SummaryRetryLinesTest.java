package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.ErrorClass;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.report.RunData;
import io.llmload.runner.report.StageInfo;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console summary's retry and token-truth lines. */
class SummaryRetryLinesTest {

    private static final long MS = 1_000_000L;

    @Test
    void printsRetriesPerStageAndOverallAndFlagsPackedChunks() throws Exception {
        CellStats cell = new CellStats();
        for (int i = 0; i < 4; i++) {
            // First attempt: 429.
            RequestTrace first = new RequestTrace("r" + i, 0, MS, true, 10);
            first.sent(MS);
            first.retryAfter(1);
            first.failed(5 * MS, ErrorClass.RATE_LIMITED, "HTTP 429");
            cell.record(first);
            // Retry 1: 503; retry 2 (three of the four requests): success 1.5 s after the first intended time.
            RequestTrace r1 = new RequestTrace("r" + i + "-r1", 0, 1_005 * MS, true, 10, 1);
            r1.failed(1_010 * MS, ErrorClass.SERVER, "HTTP 503");
            cell.recordRetryAttempt(r1);
            RequestTrace last = r1;
            if (i < 3) {
                RequestTrace r2 = new RequestTrace("r" + i + "-r2", 0, 1_100 * MS, true, 10, 2);
                r2.content(1_200 * MS, 4);
                r2.content(1_300 * MS, 4);
                r2.usage(10, 8);
                r2.succeeded(1_501 * MS);
                cell.recordRetryAttempt(r2);
                last = r2;
            }
            cell.recordRetriedRequest(MS, last);
        }
        // One first-attempt stream with 4 tokens per chunk.
        RequestTrace packed = new RequestTrace("p", 0, MS, true, 10);
        packed.sent(MS);
        packed.content(50 * MS, 4);
        packed.content(60 * MS, 4);
        packed.usage(10, 8);
        packed.succeeded(61 * MS);
        cell.record(packed);

        RunData data = new RunData("t", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z", "closed", "users", "sim",
                "m", 1, List.of(new StageInfo("steady", 4, 10, false)), List.of("chat"),
                List.of(cell.toData("steady", "chat")), List.of(), false, null);
        Report report = ReportBuilder.build(data, null);
        // report.json keeps it all: `llmload report` prints the same from the file.
        Report reread = ReportFiles.mapper().readValue(ReportFiles.toJson(report), Report.class);
        assertThat(reread.overall()).isEqualTo(report.overall());
        assertThat(reread.histograms()).isEqualTo(report.histograms());
        StringWriter text = new StringWriter();
        SummaryTable.print(reread, new PrintWriter(text));
        String out = text.toString();

        String counts = "4 requests retried, 7 retries: 3 succeeded, 4 failed (server 4); recovered 75.00%; "
                + "user latency p50 1500.2ms p99 1500.2ms";
        assertThat(out).contains("Retries (apart from the first attempts above)", "  steady: " + counts,
                "  overall: " + counts);
        assertThat(out).contains("Token truth: 100.00% of streams had a chunk count other than "
                + "usage.completion_tokens");

        // report.html shows the same counts in its Retries table.
        Path dir = Files.createTempDirectory("llmload-retries");
        ReportFiles.writeAll(reread, dir);
        String html = Files.readString(dir.resolve(ReportFiles.HTML));
        assertThat(html).contains("<h2>Retries</h2>",
                "<tr><td>overall</td><td>4</td><td>7</td><td>3</td><td>4</td><td>0</td><td>75.00%</td>");
    }
}
