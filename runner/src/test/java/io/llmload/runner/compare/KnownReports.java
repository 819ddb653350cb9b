package io.llmload.runner.compare;

import io.llmload.runner.report.Aggregate;
import io.llmload.runner.report.CostFigures;
import io.llmload.runner.report.CostReport;
import io.llmload.runner.report.ErrorCounts;
import io.llmload.runner.report.Percentiles;
import io.llmload.runner.report.Report;
import io.llmload.runner.servermetrics.ServerReport;
import io.llmload.runner.slo.Capacity;
import io.llmload.runner.slo.Health;
import io.llmload.runner.slo.Saturation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two hand-made reports with round numbers, so that every delta and marker of their comparison is known:
 * A is the baseline, B has more throughput, a lower TTFT p95 but a higher p99, twice the errors, cheaper tokens,
 * a worse verdict and a higher capacity; stage "spike" and type "rag" are only in A, "soak" and "embed" only in B.
 */
public final class KnownReports {

    private KnownReports() {
    }

    public static Report a() {
        return report("baseline", "Pass",
                scope("overall", null, 300, 10, 1000, 0.01, 100, 200, 400, 20, 15, 2000, 3000, "Normal", 9.0),
                List.of(scope("light", 4.0, 100, 5, 500, 0, 80, 150, 300, 18, 12, 1500, 2500, "Normal", 5.0),
                        scope("heavy", 8.0, 150, 10, 1000, 0.02, 120, 250, 500, 22, 16, 2200, 3200, "Degraded", 8.0),
                        scope("spike", 16.0, 50, 20, 2000, 0.05, 300, 900, 1500, 40, 30, 5000, 8000, "Breach", 1.0)),
                List.of(scope("chat", null, 250, 8, 900, 0.01, 100, 200, 400, 20, 15, 2000, 3000, null, 7.0),
                        scope("rag", null, 50, 2, 100, 0, 100, 200, 400, 20, 15, 2000, 3000, null, 2.0)),
                new Capacity(4, null, "light", new Saturation("heavy", 8, "error rate 2.00%"), "linear", "linear",
                        "holds 4 concurrent users at SLO (saturates at 8 users: error rate 2.00%)"),
                new CostReport("gpu", new CostFigures("overall", 3.0, 0.01, 10.0), List.of(
                        new CostFigures("light", 1.0, 0.01, 8.0), new CostFigures("heavy", 1.0, 0.0067, 12.0))));
    }

    public static Report b() {
        return report("cached", "Degraded",
                scope("overall", null, 360, 12, 995, 0.02, 90, 150, 500, 20, 15, 1800, 3000, "Degraded", 11.0),
                List.of(scope("light", 4.0, 100, 5, 500, 0, 40, 75, 150, 18, 12, 1500, 2500, "Normal", 5.0),
                        scope("heavy", 8.0, 200, 12, 1200, 0, 60, 125, 250, 22, 16, 1100, 1600, "Normal", 12.0),
                        scope("soak", 8.0, 60, 6, 600, 0, 60, 125, 250, 22, 16, 1100, 1600, "Normal", 6.0)),
                List.of(scope("chat", null, 300, 10, 900, 0.02, 90, 150, 500, 20, 15, 1800, 3000, null, 9.0),
                        scope("embed", null, 60, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, 2.0)),
                new Capacity(8, null, "heavy", null, "flat", "flat",
                        "holds 8 concurrent users at SLO (no saturation up to 8 users)"),
                new CostReport("gpu", new CostFigures("overall", 3.0, 0.008, 8.0), List.of(
                        new CostFigures("light", 1.0, 0.01, 8.0), new CostFigures("heavy", 1.0, 0.005, 6.0))));
    }

    /** B's report with a server section: prefix cache hits 750 of 1000 queried tokens in the heavy stage. */
    public static Report bWithServer() {
        Map<String, ServerReport.Summary> heavy = new LinkedHashMap<>();
        heavy.put("prefixCacheHits", new ServerReport.Summary(null, null, 750.0, "tokens"));
        heavy.put("prefixCacheQueries", new ServerReport.Summary(null, null, 1000.0, "tokens"));
        return b().withServer(new ServerReport("http://sim:8000/metrics", 12, 0,
                new ServerReport.Stage("overall", Map.of(), 0.75, null, null),
                List.of(new ServerReport.Stage("heavy", heavy, 0.75, null, null)), List.of(), List.of()));
    }

    /**
     * A's report with a server section: KV cache and waiting per stage, preemptions, one alert; prefix cache hits
     * 200 of 1000 queried tokens in the heavy stage, none of 500 in the light one.
     */
    public static Report aWithServer() {
        Map<String, ServerReport.Summary> heavy = new LinkedHashMap<>();
        heavy.put("kvCacheUsage", new ServerReport.Summary(0.62, 0.87, null, "fraction"));
        heavy.put("waiting", new ServerReport.Summary(3.5, 12.0, null, "requests"));
        heavy.put("preemptions", new ServerReport.Summary(null, null, 7.0, "preemptions"));
        heavy.put("gpuUtil", new ServerReport.Summary(91.0, 99.0, null, "percent"));
        heavy.put("prefixCacheHits", new ServerReport.Summary(null, null, 200.0, "tokens"));
        heavy.put("prefixCacheQueries", new ServerReport.Summary(null, null, 1000.0, "tokens"));
        Map<String, ServerReport.Summary> light = new LinkedHashMap<>();
        light.put("kvCacheUsage", new ServerReport.Summary(0.11, 0.2, null, "fraction"));
        light.put("waiting", new ServerReport.Summary(0.0, 0.0, null, "requests"));
        light.put("prefixCacheHits", new ServerReport.Summary(null, null, 0.0, "tokens"));
        light.put("prefixCacheQueries", new ServerReport.Summary(null, null, 500.0, "tokens"));
        ServerReport server = new ServerReport("http://sim:8000/metrics", 12, 1,
                new ServerReport.Stage("overall", Map.of(), 0.133333, null, null),
                List.of(new ServerReport.Stage("light", light, 0.0, null, null),
                        new ServerReport.Stage("heavy", heavy, 0.2, null, null)),
                List.of(new ServerReport.Alert("heavy", "kvCacheUsage", 0.87, 0.8, "KV cache above 80 %")), List.of());
        return a().withServer(server);
    }

    static Aggregate scope(String name, Double level, long requests, double rps, double outTps, double errorRate,
            double ttftP50, double ttftP95, double ttftP99, double itlP95, double tpotP95, double e2eP95,
            double e2eP99, String tier, Double goodput) {
        long errors = Math.round(requests * errorRate);
        Percentiles ttft = ttftP50 == 0 ? null : new Percentiles(ttftP50, ttftP95, ttftP95, ttftP99, ttftP99,
                ttftP50, requests);
        Percentiles e2e = e2eP95 == 0 ? null : new Percentiles(e2eP95 / 2, e2eP95, e2eP95, e2eP99, e2eP99, e2eP95 / 2,
                requests);
        return new Aggregate(name, level, level == null ? null : "users", 30, requests, requests - errors, 0,
                new ErrorCounts(errors, errors, 0, 0, 0, 0, 0), errorRate, rps, outTps, outTps * 2, requests * 100,
                requests * 50, null, null, ttft, pct(itlP95, requests), pct(tpotP95, requests), e2e, e2e, null, tier,
                null, new Health(ttft == null ? null : ttftP99 / ttftP50, ttft == null ? null : "warn",
                        e2e == null ? null : e2eP99 / (e2eP95 / 2), e2e == null ? null : "healthy"),
                goodput, null, null, null, null, null, null, null, null, null);
    }

    private static Percentiles pct(double p95, long count) {
        return p95 == 0 ? null : new Percentiles(p95 / 2, p95, p95, p95 * 2, p95 * 3, p95 / 2, count);
    }

    private static Report report(String name, String verdict, Aggregate overall, List<Aggregate> stages,
            List<Aggregate> types, Capacity capacity, CostReport cost) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("target", "http://sim:8000");
        run.put("model", "sim-model");
        run.put("loadModel", "closed");
        run.put("levelUnit", "users");
        return new Report(name, "2026-01-01T00:00:00Z", "2026-01-01T00:01:30Z", verdict, "completed", null, run,
                overall, stages, types, List.of(), null, capacity, cost, List.of(), List.of(), null);
    }
}
