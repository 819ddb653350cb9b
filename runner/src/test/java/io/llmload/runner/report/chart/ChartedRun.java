package io.llmload.runner.report.chart;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.ErrorClass;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.report.RunData;
import io.llmload.runner.report.StageInfo;
import io.llmload.runner.report.TimelinePoint;
import io.llmload.runner.servermetrics.ServerReport;
import io.llmload.runner.spec.PercentileTargets;
import io.llmload.runner.spec.SloSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A hand-made closed-model run with known numbers: 2 s warmup, stage light (4 users, 10 s) and heavy (8 users, 10 s),
 * request types chat and rag. chat's TTFT is 1..100 ms (light) or 101..200 ms (heavy), evenly; rag's is twice that.
 * Each second of a stage completes 10 requests; heavy's seconds also count a server error and a timeout. SLO: TTFT
 * p95 ≤ 500ms, E2E p99 ≤ 5s. The server reported KV cache and waiting requests every 5 s.
 */
final class ChartedRun {

    static final long MS = 1_000_000L;

    private ChartedRun() {
    }

    static Report report() {
        List<StageInfo> stages = List.of(new StageInfo("warmup", 4, 2, true), new StageInfo("light", 4, 10, false),
                new StageInfo("heavy", 8, 10, false));
        List<CellData> cells = new ArrayList<>();
        List<TimelinePoint> timeline = new ArrayList<>();
        int second = 0;
        for (StageInfo stage : stages) {
            CellStats chat = new CellStats();
            CellStats rag = new CellStats();
            int base = stage.name().equals("heavy") ? 100 : 0;
            for (int s = 0; s < stage.durationSeconds(); s++) {
                CellStats interval = new CellStats();
                for (int i = 1; i <= 10; i++) {
                    int ttft = base + (s * 10 + i) % 100 + 1;
                    RequestTrace t = ok(ttft * (i % 2 == 0 ? 2 : 1));
                    (i % 2 == 0 ? rag : chat).record(t);
                    interval.record(t);
                }
                if (stage.name().equals("heavy")) {
                    RequestTrace failed = failed(ErrorClass.SERVER);
                    RequestTrace timedOut = failed(ErrorClass.TIMEOUT);
                    chat.record(failed);
                    chat.record(timedOut);
                    interval.record(failed);
                    interval.record(timedOut);
                }
                second++;
                timeline.add(TimelinePoint.of(second, stage.name(), stage.level(), interval, 1, (int) stage.level()));
            }
            cells.add(chat.toData(stage.name(), "chat"));
            cells.add(rag.toData(stage.name(), "rag"));
        }
        RunData data = new RunData("charted", "2026-01-01T00:00:00Z", "2026-01-01T00:00:22Z", "closed", "users",
                "http://sim:8000", "sim-model", 1, stages, List.of("chat", "rag"), cells, timeline, false, null);
        SloSpec slo = new SloSpec(new PercentileTargets(null, null, "500ms", null), null, null,
                new PercentileTargets(null, null, null, "5s"), null, null);
        Report report = ReportBuilder.build(data, slo);
        List<ServerReport.Point> scrapes = List.of(
                new ServerReport.Point(0, null, Map.of("kvCacheUsage", 0.1, "waiting", 0.0)),
                new ServerReport.Point(5, "light", Map.of("kvCacheUsage", 0.4, "waiting", 1.0)),
                new ServerReport.Point(15, "heavy", Map.of("kvCacheUsage", 0.9, "waiting", 12.0)));
        return report.withServer(new ServerReport("http://sim:8000/metrics", 3, 0, null, List.of(), List.of(),
                scrapes));
    }

    /** A streamed success: TTFT {@code ttftMs}, 2 tokens, last byte 50 ms after the first. */
    static RequestTrace ok(double ttftMs) {
        RequestTrace t = new RequestTrace("ok", 0, 0, true, 10);
        t.sent(0);
        long first = Math.round(ttftMs * MS);
        t.content(first, 1);
        t.content(first + 10 * MS, 1);
        t.succeeded(first + 50 * MS);
        return t;
    }

    static RequestTrace failed(ErrorClass errorClass) {
        RequestTrace t = new RequestTrace("err", 0, 0, true, 10);
        t.sent(0);
        t.failed(5 * MS, errorClass, "boom");
        return t;
    }
}
