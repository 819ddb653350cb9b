package io.llmload.runner.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.LatencyMetric;
import io.llmload.runner.slo.Health;
import io.llmload.runner.slo.InterruptedShare;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The results of a scope — the whole run, one stage, one request type, or one judgement window of a ramp — as
 * report.json's {@code overall}, {@code stages[i]} and {@code requestTypes[i]} (DESIGN.md §6). Rates are per second
 * of the scope's elapsed time. {@code goodputUpperBound} (req/s, see {@link io.llmload.runner.slo.Goodput}) and
 * {@code tier} are set once the scope is judged; {@code health} is the p99/p50 band of TTFT and E2E (seed 002).
 * {@code goodput} (req/s) counts the successes the engine judged within every per-request SLO limit;
 * {@code multiTokenChunkStreams} / {@code multiTokenChunkRate} the streams whose chunk count differed from
 * usage.completion_tokens (of the successful streams with usage); {@code retries} the client's retries (null without
 * any).
 *
 * <p>Interrupted requests are never in the latency percentiles of completed ones: {@code interruptedE2eLowerBoundMs}
 * and {@code interruptedTtftLowerBoundMs} say how long they had run when cut (a lower bound of what they would have
 * taken), and {@code judgedErrorRate} is the error rate the scope was judged by when they were too many to ignore
 * ({@link InterruptedShare}). {@code windows}: a ramp stage's judgement windows (levels: the lowest each held).
 * {@code ttfaMs}: the time to the first answer token, present only when it differs from TTFT (some streams sent
 * reasoning or tool-call tokens first).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Aggregate(
        String name,
        Double level,
        String levelUnit,
        double durationSeconds,
        long requests,
        long succeeded,
        long interrupted,
        ErrorCounts errors,
        double errorRate,
        double requestsPerSecond,
        double outputTokensPerSecond,
        double inputTokensPerSecond,
        long inputTokens,
        long outputTokens,
        Double usageMismatchRate,
        Double meanRetryAfterSeconds,
        Percentiles ttftMs,
        Percentiles itlMs,
        Percentiles tpotMs,
        Percentiles e2eMs,
        Percentiles serviceTimeMs,
        Percentiles sendLagMs,
        String tier,
        Double goodputUpperBound,
        Health health,
        Double goodput,
        Long multiTokenChunkStreams,
        Double multiTokenChunkRate,
        RetryReport retries,
        Percentiles interruptedE2eLowerBoundMs,
        Percentiles interruptedTtftLowerBoundMs,
        Double judgedErrorRate,
        Long staleConnectionRetries,
        List<Aggregate> windows,
        Percentiles ttfaMs) {

    /** A scope not judged against goodput limits. */
    public static Aggregate of(String name, Double level, String levelUnit, double durationSeconds, CellStats s) {
        return of(name, level, levelUnit, durationSeconds, s, null);
    }

    /** @param goodputUpperBound req/s (null: not judged) */
    public static Aggregate of(String name, Double level, String levelUnit, double durationSeconds, CellStats s,
            Double goodputUpperBound) {
        double seconds = Math.max(durationSeconds, 1e-9);
        double retryAfter = s.meanRetryAfterSeconds();
        Percentiles ttft = Percentiles.of(s.histogram(LatencyMetric.TTFT));
        Percentiles e2e = Percentiles.of(s.histogram(LatencyMetric.E2E));
        Double judged = InterruptedShare.judgedErrorRate(s.requests(), s.errorsTotal(), s.interrupted());
        return new Aggregate(name, level, levelUnit, round(durationSeconds), s.requests(), s.succeeded(),
                s.interrupted(), ErrorCounts.of(s.errorsByClass()), round6(s.errorRate()), round(s.requests() / seconds),
                round(s.outputTokens() / seconds), round(s.inputTokens() / seconds), s.inputTokens(),
                s.outputTokens(),
                s.usageReported() == 0 ? null : round6(s.usageMismatches() / (double) s.usageReported()),
                Double.isNaN(retryAfter) ? null : round(retryAfter),
                ttft, Percentiles.of(s.histogram(LatencyMetric.ITL)), Percentiles.of(s.histogram(LatencyMetric.TPOT)),
                e2e, Percentiles.of(s.histogram(LatencyMetric.SERVICE_TIME)),
                Percentiles.of(s.histogram(LatencyMetric.SEND_LAG)), null,
                goodputUpperBound == null ? null : round(goodputUpperBound), Health.of(ttft, e2e),
                round(s.goodRequests() / seconds),
                s.streamsWithUsage() == 0 ? null : s.multiTokenChunkStreams(),
                s.streamsWithUsage() == 0 ? null : round6(s.multiTokenChunkStreams() / (double) s.streamsWithUsage()),
                RetryReport.of(s.retries()), Percentiles.of(s.histogram(LatencyMetric.INTERRUPTED_E2E)),
                Percentiles.of(s.histogram(LatencyMetric.INTERRUPTED_TTFT)), judged == null ? null : round6(judged),
                s.staleConnectionRetries() == 0 ? null : s.staleConnectionRetries(), null, firstAnswer(s));
    }

    /** TTFA when it tells something TTFT does not: absent when every stream's first token was answer text. */
    private static Percentiles firstAnswer(CellStats s) {
        Histogram ttfa = s.histogram(LatencyMetric.TTFA);
        return ttfa.equals(s.histogram(LatencyMetric.TTFT)) ? null : Percentiles.of(ttfa);
    }

    /** This scope with its tier (the SLO judgement of it). */
    public Aggregate withTier(String newTier) {
        return copy(newTier, windows);
    }

    /** This ramp stage with its judgement windows. */
    public Aggregate withWindows(List<Aggregate> rampWindows) {
        return copy(tier, rampWindows == null ? null : List.copyOf(rampWindows));
    }

    /** The error rate the scope is judged by: interrupted requests included when they are too many to ignore. */
    @JsonIgnore
    public double errorRateForJudgement() {
        return judgedErrorRate != null ? judgedErrorRate : errorRate;
    }

    /** The percentiles of a latency metric by its report key stem (ttft, itl, tpot, e2e). */
    public Percentiles latency(String metric) {
        switch (metric) {
            case "ttft":
                return ttftMs;
            case "ttfa":
                return ttfaMs;
            case "itl":
                return itlMs;
            case "tpot":
                return tpotMs;
            default:
                return e2eMs;
        }
    }

    /** The one place that lists every field: the judged ones are the only ones that change after measuring. */
    private Aggregate copy(String newTier, List<Aggregate> newWindows) {
        return new Aggregate(name, level, levelUnit, durationSeconds, requests, succeeded, interrupted, errors,
                errorRate, requestsPerSecond, outputTokensPerSecond, inputTokensPerSecond, inputTokens, outputTokens,
                usageMismatchRate, meanRetryAfterSeconds, ttftMs, itlMs, tpotMs, e2eMs, serviceTimeMs, sendLagMs,
                newTier, goodputUpperBound, health, goodput, multiTokenChunkStreams, multiTokenChunkRate, retries,
                interruptedE2eLowerBoundMs, interruptedTtftLowerBoundMs, judgedErrorRate, staleConnectionRetries,
                newWindows, ttfaMs);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static double round6(double v) {
        return Math.round(v * 1_000_000) / 1_000_000.0;
    }
}
