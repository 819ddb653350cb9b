package io.llmload.runner.metrics;

import org.HdrHistogram.Histogram;

/**
 * Retries of one cell, kept apart from first attempts so a retry never hides the first failure: counts of retry
 * attempts by outcome, of retried requests, and the latency users saw for the requests a retry recovered (intended
 * time of the first attempt → end of the successful retry, in µs). Merges like {@link CellStats}.
 */
public final class RetryStats {

    private long requests;
    private long attempts;
    private long succeeded;
    private long interrupted;
    private ErrorTally errors = new ErrorTally();
    /** Created on the first recovered request (an empty dense histogram is 17 KB, in every cell). */
    private Histogram userLatency;

    /** One finished retry attempt. */
    public void recordAttempt(RequestTrace attempt) {
        attempts++;
        if (attempt.interrupted()) {
            interrupted++;
        } else if (attempt.error() != null) {
            errors.count(attempt.error());
        } else {
            succeeded++;
        }
    }

    /** A request that was retried at least once and will not be retried again; {@code last} is its last attempt. */
    public void recordRetriedRequest(long firstIntendedNanos, RequestTrace last) {
        requests++;
        if (!last.interrupted() && last.error() == null) {
            if (userLatency == null) {
                userLatency = Histograms.create();
            }
            Histograms.recordNanos(userLatency, last.endNanos() - firstIntendedNanos);
        }
    }

    public void add(RetryStats other) {
        requests += other.requests;
        attempts += other.attempts;
        succeeded += other.succeeded;
        interrupted += other.interrupted;
        errors.add(other.errors);
        if (other.userLatency != null && other.userLatency.getTotalCount() > 0) {
            if (userLatency == null) {
                userLatency = Histograms.create();
            }
            userLatency.add(other.userLatency);
        }
    }

    public boolean isEmpty() {
        return requests == 0 && attempts == 0;
    }

    /** The serialized form, or null when nothing was retried (keeps report.json and runner payloads small). */
    public RetryData toData() {
        if (isEmpty()) {
            return null;
        }
        return new RetryData(requests, attempts, succeeded, interrupted, errors.toMap(),
                userLatency == null ? Histograms.encodedEmpty() : Histograms.encode(userLatency));
    }

    public static RetryStats fromData(RetryData data) {
        RetryStats stats = new RetryStats();
        if (data == null) {
            return stats;
        }
        stats.requests = data.requests();
        stats.attempts = data.attempts();
        stats.succeeded = data.succeeded();
        stats.interrupted = data.interrupted();
        stats.errors = ErrorTally.fromMap(data.errors());
        if (data.userLatency() != null && !Histograms.isEncodedEmpty(data.userLatency())) {
            Histogram decoded = Histograms.decode(data.userLatency());
            stats.userLatency = decoded.getTotalCount() > 0 ? decoded : null;
        }
        return stats;
    }

    /** Requests retried at least once (whatever the outcome). */
    public long requests() {
        return requests;
    }

    /** Retry attempts sent and finished (successes + errors + interrupted). */
    public long attempts() {
        return attempts;
    }

    /** Retry attempts that succeeded: one per recovered request. */
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

    /** Failed retry attempts by class. */
    public ErrorTally errorsByClass() {
        return errors;
    }

    /** µs from the first attempt's intended time to the end of the successful retry, per recovered request. */
    public Histogram userLatency() {
        return userLatency != null ? userLatency : Histograms.create();
    }
}
