package io.llmload.runner.engine;

import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.workload.PreparedRequest;

/** One request of the workload: its first attempt and any retries, all recorded in the first one's cell. */
final class UserRequest {

    final PreparedRequest prepared;
    final String id;
    final long ordinal;
    final int stageIndex;
    final long firstIntendedNanos;
    /** The driver's callback (a closed-model user sends its next request): runs once, after the last attempt. */
    final Runnable onDone;
    /** The attempt sent last (the first one, then each retry). */
    RequestTrace last;
    long retryTimer = -1;

    UserRequest(PreparedRequest prepared, String id, long ordinal, int stageIndex, long firstIntendedNanos,
            Runnable onDone) {
        this.prepared = prepared;
        this.id = id;
        this.ordinal = ordinal;
        this.stageIndex = stageIndex;
        this.firstIntendedNanos = firstIntendedNanos;
        this.onDone = onDone;
    }
}
