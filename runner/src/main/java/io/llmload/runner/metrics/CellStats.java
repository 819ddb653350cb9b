package io.llmload.runner.metrics;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Counters and latency histograms of one cell (one stage × one request type, or any merge of cells). Merging adds
 * counts and histograms, so a merge of runners or intervals equals one recording of all their requests.
 */
public final class CellStats {

    private long requests;
    private long succeeded;
    private long interrupted;
    private ErrorTally errors = new ErrorTally();
    private long inputTokens;
    private long outputTokens;
    private long usageReported;
    private long usageMismatches;
    private double retryAfterSecondsSum;
    private long retryAfterCount;
    private final EnumMap<LatencyMetric, Histogram> histograms = new EnumMap<>(LatencyMetric.class);
    private long streamsWithUsage;
    private long multiTokenChunkStreams;
    private long goodRequests;
    private long staleConnectionRetries;
    private final RetryStats retries = new RetryStats();
    /** Per-user-request figures; null in cells of plain request types. */
    private UserRequestStats userRequests;

    public CellStats() {
        // Histograms are created on first use: most cells of a long test stay empty, and an empty dense
        // HdrHistogram takes 17 KB (10,000 cells of 500 stages x 20 request types took over 1 GB before).
    }

    private Histogram writable(LatencyMetric metric) {
        return histograms.computeIfAbsent(metric, m -> Histograms.create());
    }

    /** Adds one finished request (first attempt); without goodput thresholds every success counts as good. */
    public void record(RequestTrace trace) {
        record(trace, GoodputThresholds.NONE);
    }

    /** Adds one finished request (first attempt) and counts it as good when it met every goodput threshold. */
    public void record(RequestTrace trace, GoodputThresholds goodput) {
        recordAttempt(trace);
        if (goodput.met(trace)) {
            goodRequests++;
        }
    }

    /** A finished retry attempt: counted apart, never in the first attempts' counters and histograms. */
    public void recordRetryAttempt(RequestTrace attempt) {
        retries.recordAttempt(attempt);
    }

    /** A retried request whose retries ended; see {@link RetryStats#recordRetriedRequest}. */
    public void recordRetriedRequest(long firstIntendedNanos, RequestTrace last) {
        retries.recordRetriedRequest(firstIntendedNanos, last);
    }

    private void recordAttempt(RequestTrace trace) {
        if (trace.retriedOnStaleConnection()) {
            staleConnectionRetries++;
        }
        if (trace.interrupted()) {
            recordInterrupted(trace);
            return;
        }
        requests++;
        if (trace.error() != null) {
            errors.count(trace.error());
            if (!Double.isNaN(trace.retryAfterSeconds())) {
                retryAfterSecondsSum += trace.retryAfterSeconds();
                retryAfterCount++;
            }
            return;
        }
        succeeded++;
        inputTokens += trace.inputTokens();
        outputTokens += trace.outputTokens();
        if (trace.hasUsage()) {
            usageReported++;
            if (trace.clientOutputTokens() != trace.outputTokens()) {
                usageMismatches++;
            }
            if (trace.streamed() && trace.chunks() > 0) {
                streamsWithUsage++;
                if (ChunkTokens.differsFromUsage(trace)) {
                    multiTokenChunkStreams++;
                }
            }
        }
        long intended = trace.intendedNanos();
        Histograms.recordNanos(writable(LatencyMetric.E2E), trace.endNanos() - intended);
        Histograms.recordNanos(writable(LatencyMetric.SERVICE_TIME), trace.endNanos() - trace.sendNanos());
        Histograms.recordNanos(writable(LatencyMetric.SEND_LAG), trace.sendNanos() - intended);
        if (trace.streamed() && trace.chunks() > 0) {
            long first = trace.firstTokenNanos();
            Histograms.recordNanos(writable(LatencyMetric.TTFT), first - intended);
            if (trace.firstAnswerNanos() != 0) {
                Histograms.recordNanos(writable(LatencyMetric.TTFA), trace.firstAnswerNanos() - intended);
            }
            if (trace.chunks() > 1) {
                recordItl(trace, writable(LatencyMetric.ITL));
            }
            if (trace.outputTokens() > 1) {
                Histograms.recordNanos(writable(LatencyMetric.TPOT),
                        (trace.endNanos() - first) / (trace.outputTokens() - 1));
            }
        }
    }

    /** Neither a success nor an error: counted, with how long it had run so far as a lower bound of its latency. */
    private void recordInterrupted(RequestTrace trace) {
        interrupted++;
        long intended = trace.intendedNanos();
        Histograms.recordNanos(writable(LatencyMetric.INTERRUPTED_E2E), trace.endNanos() - intended);
        if (trace.streamed()) {
            long firstOrCut = trace.chunks() > 0 ? trace.firstTokenNanos() : trace.endNanos();
            Histograms.recordNanos(writable(LatencyMetric.INTERRUPTED_TTFT), firstOrCut - intended);
        }
    }

    /** ITL per token: each chunk gap divided by the tokens that chunk carried, recorded once per token. */
    private static void recordItl(RequestTrace trace, Histogram itl) {
        int[] tokens = ChunkTokens.packed(trace) ? ChunkTokens.spread(trace) : null;
        for (int i = 1; i < trace.chunks(); i++) {
            long gap = trace.chunkNanos(i) - trace.chunkNanos(i - 1);
            if (tokens == null) {
                Histograms.recordNanos(itl, gap);
            } else {
                Histograms.recordNanos(itl, gap / tokens[i], tokens[i]);
            }
        }
    }

    /** Adds one composite user request that ended (its steps are recorded one by one with {@link #record}). */
    public void recordUserRequest(UserRequestTrace trace) {
        trackUserRequests().record(trace);
    }

    /** Makes this cell report per-user-request figures, zero until some are recorded. */
    public UserRequestStats trackUserRequests() {
        if (userRequests == null) {
            userRequests = new UserRequestStats();
        }
        return userRequests;
    }

    /** Nothing recorded: no request, interrupted one, retry or user request (most cells of most intervals). */
    public boolean isEmpty() {
        return requests == 0 && interrupted == 0 && staleConnectionRetries == 0 && retries.isEmpty()
                && (userRequests == null || userRequests.isEmpty());
    }

    public void add(CellStats other) {
        if (other.userRequests != null) {
            trackUserRequests().add(other.userRequests);
        }
        requests += other.requests;
        succeeded += other.succeeded;
        interrupted += other.interrupted;
        errors.add(other.errors);
        inputTokens += other.inputTokens;
        outputTokens += other.outputTokens;
        usageReported += other.usageReported;
        usageMismatches += other.usageMismatches;
        retryAfterSecondsSum += other.retryAfterSecondsSum;
        retryAfterCount += other.retryAfterCount;
        other.histograms.forEach((metric, h) -> {
            if (h.getTotalCount() > 0) {
                writable(metric).add(h);
            }
        });
        streamsWithUsage += other.streamsWithUsage;
        multiTokenChunkStreams += other.multiTokenChunkStreams;
        goodRequests += other.goodRequests;
        staleConnectionRetries += other.staleConnectionRetries;
        retries.add(other.retries);
    }

    public CellData toData(String stage, String requestType) {
        return toData(CellRow.of(stage), requestType);
    }

    public CellData toData(CellRow row, String requestType) {
        Map<String, String> encoded = new LinkedHashMap<>();
        for (LatencyMetric metric : LatencyMetric.values()) {
            Histogram h = histograms.get(metric);
            encoded.put(metric.key(), h == null ? Histograms.encodedEmpty() : Histograms.encode(h));
        }
        return new CellData(row.stage(), requestType, requests, succeeded, interrupted, errors.toMap(), inputTokens,
                outputTokens, usageReported, usageMismatches, retryAfterSecondsSum, retryAfterCount, encoded,
                streamsWithUsage, multiTokenChunkStreams, goodRequests, retries.toData(),
                userRequests == null ? null : userRequests.toData(), staleConnectionRetries, row.window());
    }

    public static CellStats fromData(CellData data) {
        CellStats stats = new CellStats();
        stats.requests = data.requests();
        stats.succeeded = data.succeeded();
        stats.interrupted = data.interrupted();
        stats.errors = ErrorTally.fromMap(data.errors());
        stats.inputTokens = data.inputTokens();
        stats.outputTokens = data.outputTokens();
        stats.usageReported = data.usageReported();
        stats.usageMismatches = data.usageMismatches();
        stats.retryAfterSecondsSum = data.retryAfterSecondsSum();
        stats.retryAfterCount = data.retryAfterCount();
        for (LatencyMetric metric : LatencyMetric.values()) {
            String encoded = data.histograms().get(metric.key());
            if (encoded != null && !Histograms.isEncodedEmpty(encoded)) {
                Histogram decoded = Histograms.decode(encoded);
                if (decoded.getTotalCount() > 0) {
                    stats.histograms.put(metric, decoded);
                }
            }
        }
        stats.streamsWithUsage = data.streamsWithUsage();
        stats.multiTokenChunkStreams = data.multiTokenChunkStreams();
        stats.goodRequests = data.goodRequests();
        stats.staleConnectionRetries = data.staleConnectionRetries();
        stats.retries.add(RetryStats.fromData(data.retries()));
        if (data.userRequests() != null) {
            stats.userRequests = UserRequestStats.fromData(data.userRequests());
        }
        return stats;
    }

    public long requests() {
        return requests;
    }

    public long succeeded() {
        return succeeded;
    }

    public long interrupted() {
        return interrupted;
    }

    public long errors(ErrorClass errorClass) {
        return errors.get(errorClass);
    }

    public long errorsTotal() {
        return errors.total();
    }

    /** Errors by class. */
    public ErrorTally errorsByClass() {
        return errors;
    }

    public double errorRate() {
        return requests == 0 ? 0 : errorsTotal() / (double) requests;
    }

    public long inputTokens() {
        return inputTokens;
    }

    public long outputTokens() {
        return outputTokens;
    }

    public long usageReported() {
        return usageReported;
    }

    public long usageMismatches() {
        return usageMismatches;
    }

    public double meanRetryAfterSeconds() {
        return retryAfterCount == 0 ? Double.NaN : retryAfterSecondsSum / retryAfterCount;
    }

    /** The metric's histogram; an empty one (not kept) when nothing was recorded. Read it, do not record into it. */
    public Histogram histogram(LatencyMetric metric) {
        Histogram h = histograms.get(metric);
        return h != null ? h : Histograms.create();
    }

    /** Successful streams that reported usage: the ones whose chunk count can be checked. */
    public long streamsWithUsage() {
        return streamsWithUsage;
    }

    /** Streams whose content chunk count differs from usage.completion_tokens (several tokens per chunk). */
    public long multiTokenChunkStreams() {
        return multiTokenChunkStreams;
    }

    /** Successful first attempts that met every goodput threshold the recorder was given. */
    public long goodRequests() {
        return goodRequests;
    }

    /** Requests sent once more because their reused connection closed before any response byte. */
    public long staleConnectionRetries() {
        return staleConnectionRetries;
    }

    public RetryStats retries() {
        return retries;
    }

    /** Per-user-request figures, or null when this cell has none (plain request types). */
    public UserRequestStats userRequests() {
        return userRequests;
    }
}
