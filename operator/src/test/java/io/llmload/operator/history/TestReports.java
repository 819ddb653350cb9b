package io.llmload.operator.history;

import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportFiles;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Small report.json documents with known overall figures, for judging runs against a history (also in reconciler tests). */
public final class TestReports {

    private TestReports() {
    }

    public static Report report(String verdict, double ttftP95, double ttftP99, double rps, int capacityUsers) {
        String json = """
                {"name": "t", "verdict": "%s", "outcome": "completed",
                 "run": {"levelUnit": "users"},
                 "overall": {"name": "overall", "requests": 1000, "requestsPerSecond": %s, "outputTokensPerSecond": 900,
                   "errorRate": 0.0, "goodput": %s,
                   "ttftMs": {"p50": 50, "p90": 80, "p95": %s, "p99": %s, "max": 900, "mean": 60, "count": 1000}},
                 "stages": [{"name": "s4", "level": 4, "levelUnit": "users", "requests": 500},
                            {"name": "s8", "level": 8, "levelUnit": "users", "requests": 500}],
                 "slo": [],
                 "capacity": {"maxUsersAtSlo": %d, "summary": "holds %d concurrent users at SLO"}}
                """.formatted(verdict, rps, rps, ttftP95, ttftP99, capacityUsers, capacityUsers);
        try {
            return ReportFiles.mapper().readValue(json, Report.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
