package io.llmload.runner.engine;

import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.workload.PreparedRequest;
import java.util.function.Consumer;

/** One request (a single request, or one step of a composite): its first attempt and any retries. */
final class RetryingRequest {

    final PreparedRequest prepared;
    final String id;
    /** Seeds this request's retry jitter. */
    final long ordinal;
    /** Every attempt is recorded in the metrics row of the first one's intended send time. */
    final int row;
    /** Runs once, after the last attempt, with it (a composite builds its next step from its reply). */
    final Consumer<InFlightRequest> onDone;
    /** The attempt sent last (the first one, then each retry). */
    InFlightRequest last;
    /** The first attempt's intended time (known once it came back: it may have been due when its lane started it). */
    private long firstIntendedNanos;

    RetryingRequest(PreparedRequest prepared, String id, long ordinal, int row, Consumer<InFlightRequest> onDone) {
        this.prepared = prepared;
        this.id = id;
        this.ordinal = ordinal;
        this.row = row;
        this.onDone = onDone;
    }

    RequestTrace lastTrace() {
        return last.trace();
    }

    /** An attempt came back. */
    void ended(InFlightRequest attempt) {
        if (attempt.trace().attempt() == 0) {
            firstIntendedNanos = attempt.trace().intendedNanos();
        }
        last = attempt;
    }

    long firstIntendedNanos() {
        return firstIntendedNanos;
    }
}
