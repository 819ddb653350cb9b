package io.llmload.runner.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.llmload.runner.metrics.RetryStats;

/**
 * report.json {@code retries} of a scope: the client's retries, apart from the first attempts that the scope's
 * other fields describe. {@code requests} were retried at least once; {@code attempts} retry attempts ended —
 * {@code succeeded}, failed ({@code errors} by class) or {@code interrupted} by the end of the test;
 * {@code recoveryRate} = succeeded / requests; {@code userLatencyMs}: for each recovered request, intended time of its
 * first attempt → end of the successful retry (what its user waited, retries included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetryReport(long requests, long attempts, long succeeded, long interrupted, ErrorCounts errors,
        Double recoveryRate, Percentiles userLatencyMs) {

    /** Null when nothing was retried. */
    public static RetryReport of(RetryStats s) {
        if (s.isEmpty()) {
            return null;
        }
        ErrorCounts errors = ErrorCounts.of(s.errorsByClass());
        Double recovery = s.requests() == 0 ? null : Math.round(s.succeeded() * 1e6 / s.requests()) / 1e6;
        return new RetryReport(s.requests(), s.attempts(), s.succeeded(), s.interrupted(), errors, recovery,
                Percentiles.of(s.userLatency()));
    }
}
