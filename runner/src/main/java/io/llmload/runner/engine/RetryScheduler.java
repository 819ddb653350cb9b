package io.llmload.runner.engine;

import io.llmload.runner.metrics.RequestTrace;
import io.vertx.core.Vertx;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Waits out a failed attempt's backoff (at least its Retry-After when honoured) and sends the retry, never earlier:
 * timers have millisecond resolution, so an early timer waits again. When the load stops, the waiting requests are
 * given up with their last attempt. Confined to the engine's control loop.
 */
final class RetryScheduler {

    private final Vertx vertx;
    private final RetryPolicy policy;
    private final BiConsumer<RetryingRequest, RequestTrace> send;
    private final Consumer<RetryingRequest> giveUp;
    private final Set<RetryingRequest> waiting = new LinkedHashSet<>();

    /**
     * @param send sends a request's next attempt
     * @param giveUp ends a request that will not be retried (again)
     */
    RetryScheduler(Vertx vertx, RetryPolicy policy, BiConsumer<RetryingRequest, RequestTrace> send,
            Consumer<RetryingRequest> giveUp) {
        this.vertx = vertx;
        this.policy = policy;
        this.send = send;
        this.giveUp = giveUp;
    }

    /** Schedules the retry of {@code request}'s attempt {@code trace} if the policy wants one; false otherwise. */
    boolean retry(RetryingRequest request, RequestTrace trace) {
        if (!policy.shouldRetry(trace)) {
            return false;
        }
        sendAt(request, trace.endNanos() + policy.delayNanos(request.ordinal, trace.attempt() + 1,
                trace.retryAfterSeconds()));
        return true;
    }

    /** The load stopped: no retry is sent any more, the waiting requests end with their last attempt. */
    void dropWaiting() {
        for (RetryingRequest request : List.copyOf(waiting)) {
            vertx.cancelTimer(request.retryTimer);
            waiting.remove(request);
            giveUp.accept(request);
        }
    }

    private void sendAt(RetryingRequest request, long dueNanos) {
        long waitNanos = dueNanos - System.nanoTime();
        if (waitNanos <= 0) {
            RequestTrace last = request.lastTrace();
            int retry = last.attempt() + 1;
            send.accept(request, new RequestTrace(request.id + "-r" + retry, last.typeIndex(), dueNanos,
                    last.streamed(), request.prepared.promptTokens(), retry));
            return;
        }
        waiting.add(request);
        request.retryTimer = vertx.setTimer(Math.max(1, (waitNanos + 999_999) / 1_000_000), id -> {
            if (waiting.remove(request)) {
                sendAt(request, dueNanos);
            }
        });
    }
}
