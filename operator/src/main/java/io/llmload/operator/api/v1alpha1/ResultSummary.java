package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.llmload.runner.report.Aggregate;
import io.llmload.runner.report.Percentiles;
import java.util.function.ToDoubleFunction;

/**
 * Results of one scope (the whole run in {@code status.summary}, or one stage in {@code status.stages[]}), in the
 * units kubectl users read: milliseconds and fractions. Computed by the runner's report code from merged histograms.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultSummary(
        @JsonPropertyDescription("Stage name (absent for the whole run).") String name,
        @JsonPropertyDescription("Stage level: users (closed model) or arrivals/s (open model).") Double level,
        @JsonPropertyDescription("Requests attempted in the scope (warmup excluded).") Long requests,
        @JsonPropertyDescription("Failed requests.") Long errors,
        @JsonPropertyDescription("Failed requests by class: rateLimited, server, client, timeout, connection, protocol.")
        ErrorCountsStatus errorsByClass,
        @JsonPropertyDescription("Fraction of requests that failed, 0..1.") Double errorRate,
        @JsonPropertyDescription("Requests per second.") Double requestsPerSecond,
        @JsonPropertyDescription("Generated tokens per second.") Double outputTokensPerSecond,
        @JsonPropertyDescription("Time to first token p50, ms.") Double ttftP50Ms,
        @JsonPropertyDescription("Time to first token p95, ms.") Double ttftP95Ms,
        @JsonPropertyDescription("Time to first token p99, ms.") Double ttftP99Ms,
        @JsonPropertyDescription("Inter-token latency p50, ms.") Double itlP50Ms,
        @JsonPropertyDescription("Inter-token latency p95, ms.") Double itlP95Ms,
        @JsonPropertyDescription("Inter-token latency p99, ms.") Double itlP99Ms,
        @JsonPropertyDescription("Time per output token p50, ms.") Double tpotP50Ms,
        @JsonPropertyDescription("Time per output token p95, ms.") Double tpotP95Ms,
        @JsonPropertyDescription("Time per output token p99, ms.") Double tpotP99Ms,
        @JsonPropertyDescription("End-to-end latency p50, ms.") Double e2eP50Ms,
        @JsonPropertyDescription("End-to-end latency p95, ms.") Double e2eP95Ms,
        @JsonPropertyDescription("End-to-end latency p99, ms.") Double e2eP99Ms,
        @JsonPropertyDescription("Tier of the scope: Normal, Degraded or Breach.") String tier,
        @JsonPropertyDescription("Goodput: requests/s that succeeded within every per-request latency target "
                + "(TTFT, ITL, TPOT, E2E).")
        Double goodput,
        @JsonPropertyDescription("End-to-end p99/p50 band: healthy (< 2), warn (2-5) or critical (> 5).")
        String e2eHealthBand,
        @JsonPropertyDescription("Time to first token p99/p50 band: healthy (< 2), warn (2-5) or critical (> 5).")
        String ttftHealthBand,
        @JsonPropertyDescription("Time to the first answer (content) token p95, ms; only when it differs from TTFT "
                + "(reasoning or tool-call tokens came first).") Double ttfaP95Ms) {

    public static ResultSummary of(Aggregate a, boolean withName) {
        return new ResultSummary(withName ? a.name() : null, a.level(), a.requests(), a.errors().total(),
                ErrorCountsStatus.of(a), a.errorRate(), a.requestsPerSecond(), a.outputTokensPerSecond(),
                at(a.ttftMs(), Percentiles::p50), at(a.ttftMs(), Percentiles::p95), at(a.ttftMs(), Percentiles::p99),
                at(a.itlMs(), Percentiles::p50), at(a.itlMs(), Percentiles::p95), at(a.itlMs(), Percentiles::p99),
                at(a.tpotMs(), Percentiles::p50), at(a.tpotMs(), Percentiles::p95), at(a.tpotMs(), Percentiles::p99),
                at(a.e2eMs(), Percentiles::p50), at(a.e2eMs(), Percentiles::p95), at(a.e2eMs(), Percentiles::p99),
                a.tier(), a.goodput(), a.health() == null ? null : a.health().e2eBand(),
                a.health() == null ? null : a.health().ttftBand(), at(a.ttfaMs(), Percentiles::p95));
    }

    private static Double at(Percentiles p, ToDoubleFunction<Percentiles> which) {
        return p == null ? null : which.applyAsDouble(p);
    }
}
