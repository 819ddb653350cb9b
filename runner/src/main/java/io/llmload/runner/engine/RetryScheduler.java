package io.llmload.runner.engine;

import io.llmload.runner.metrics.RequestTrace;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Waits out a failed attempt's backoff (at least its Retry-After when honoured) on the engine's clock and sends the
 * retry then, never earlier: the retry's latency counts from that time, so a millisecond timer's rounding would be
 * charged to it. When the load stops, the waiting requests are given up with their last attempt (a deadline still
 * set then finds its request no longer waiting). Confined to the engine's control loop.
 */
final class RetryScheduler {

    private final EngineClock.LoopTimer timer;
    private final RetryPolicy policy;
    private final BiConsumer<RetryingRequest, RequestTrace> send;
    private final Consumer<RetryingRequest> giveUp;
    private final Set<RetryingRequest> waiting = new LinkedHashSet<>();

    /**
     * @param send sends a request's next attempt
     * @param giveUp ends a request that will not be retried (again)
     */
    RetryScheduler(EngineClock.LoopTimer timer, RetryPolicy policy, BiConsumer<RetryingRequest, RequestTrace> send,
            Consumer<RetryingRequest> giveUp) {
        this.timer = timer;
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
            waiting.remove(request);
            giveUp.accept(request);
        }
    }

    private void sendAt(RetryingRequest request, long dueNanos) {
        waiting.add(request);
        timer.at(dueNanos, () -> {
            if (waiting.remove(request)) {
                RequestTrace last = request.lastTrace();
                int retry = last.attempt() + 1;
                send.accept(request, new RequestTrace(request.id + "-r" + retry, last.typeIndex(), dueNanos,
                        last.streamed(), request.prepared.promptTokens(), retry));
            }
        });
    }
}
