package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.metrics.UserRequestTrace;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.report.RunData;
import io.llmload.runner.report.StageInfo;
import io.llmload.runner.spec.CostSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTableTest {

    private static final long MS = 1_000_000L;

    @Test
    void printsGoodputHealthCapacitySentenceAndCost() {
        CellStats cell = new CellStats();
        for (int i = 0; i < 40; i++) {
            RequestTrace t = new RequestTrace("r", 0, MS, true, 10);
            t.sent(MS);
            t.content(MS + 50 * MS, 1);
            t.content(MS + 70 * MS, 1);
            t.succeeded(MS + 200 * MS);
            cell.record(t);
        }
        RunData data = new RunData("t", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z", "closed", "users", "sim",
                "m", 1, List.of(new StageInfo("steady", 4, 10, false)), List.of("chat"),
                List.of(cell.toData("steady", "chat")), List.of(), false, null);
        StringWriter text = new StringWriter();
        SummaryTable.print(ReportBuilder.build(data, null, new CostSpec(3.6, 1, null, null)), new PrintWriter(text));
        String out = text.toString();
        assertThat(out).contains("GOODPUT", "E2E HEALTH").doesNotContain("GOODPUT(max)", "Retries", "Token truth");
        // 40 good requests over 10 s; E2E p99/p50 = 1.
        assertThat(out.lines().filter(l -> l.startsWith("steady")).findFirst().orElseThrow())
                .contains(" 4.00 ", "healthy");
        assertThat(out).contains("Capacity: holds 4 concurrent users at SLO (no saturation up to 4 users)");
        // 3.6 per hour × 10 s = 0.01; / 40 requests; / 80 output tokens × 1M.
        assertThat(out).contains("Cost (gpu pricing): 0.01 total, 0.00025 per request, 125 per 1M output tokens");
    }

    @Test
    void printsOneLinePerCompositeTypeOnItsUserRequests() {
        CellStats session = new CellStats();
        for (int i = 1; i <= 10; i++) {
            session.recordUserRequest(new UserRequestTrace(0, 0, i * 1_000 * MS, 4, 400 + i, 600 * MS,
                    UserRequestTrace.Outcome.SUCCEEDED));
        }
        session.recordUserRequest(new UserRequestTrace(0, 0, MS, 2, 0, 0, UserRequestTrace.Outcome.FAILED));
        RunData data = new RunData("t", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z", "closed", "users", "sim",
                "m", 1, List.of(new StageInfo("steady", 4, 10, false)), List.of("chat"),
                List.of(session.toData("steady", "chat")), List.of(), false, null);
        StringWriter text = new StringWriter();
        SummaryTable.print(ReportBuilder.build(data, null), new PrintWriter(text));
        assertThat(text.toString()).contains("User requests chat: 11 (1 failed), E2E p50 5001.2ms p99 10.0s "
                + "(incl. think time, mean 600.0ms), tokens p50 405 p99 410, 4.0 steps");
    }
}
