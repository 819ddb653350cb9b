package io.llmload.runner.engine;

import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.metrics.UserRequestTrace;
import io.llmload.runner.metrics.UserRequestTrace.Outcome;
import io.llmload.runner.workload.PreparedRequest;
import io.llmload.runner.workload.UserRequest;
import java.util.function.Consumer;

/**
 * Sends one user request's steps one after another (a single request is a user request of one step). A later step
 * is due when the previous one ended, plus a session's think time, and that due time is its intended send time: a
 * late timer or a busy connection pool shows up as latency, never hides (no coordinated omission). A failed step
 * ends the user request as failed; a step cut short, or a test that stopped sending, ends it as interrupted.
 * Confined to the engine's control loop.
 */
final class UserRequestRun {

    /** What a user request needs from the engine. */
    interface Host {

        boolean stopping();

        /** Sends one step intended at {@code intendedNanos}; {@code onFinished} sees it once it ended. */
        void send(PreparedRequest step, long intendedNanos, String requestId, Consumer<InFlightRequest> onFinished);

        /** Runs {@code task} on the control loop once {@code dueNanos} ({@link System#nanoTime()}) has passed. */
        void at(long dueNanos, Runnable task);

        /** The user request ended; {@code trace} holds its end-to-end figures. */
        void ended(UserRequestRun run, UserRequestTrace trace);
    }

    private final UserRequest request;
    private final String requestId;
    private final Host host;
    private final RequestLauncher.Done onDone;
    private long intendedNanos;
    private int steps;
    private long tokens;
    private long thinkNanos;
    private boolean ended;

    /** {@code onDone} (nullable) runs once the whole user request ended. */
    UserRequestRun(UserRequest request, String requestId, Host host, RequestLauncher.Done onDone) {
        this.request = request;
        this.requestId = requestId;
        this.host = host;
        this.onDone = onDone;
    }

    /**
     * Sends the first step, intended at {@code intended} or, for {@link RequestLauncher#WHEN_PREPARED}, when its lane
     * starts it (the user request's start is then known once that step came back).
     */
    void start(long intended) {
        intendedNanos = intended;
        send(request.first(), intended);
    }

    /** The test stopped while this user request waited between two steps. */
    void interrupt(long nanos) {
        end(nanos, Outcome.INTERRUPTED);
    }

    boolean composite() {
        return request.userRequestCell() >= 0;
    }

    private void send(PreparedRequest step, long intended) {
        steps++;
        // Steps share the user request's id (…-17.1, …-17.2) so server logs and ground truth group them.
        host.send(step, intended, composite() ? requestId + "." + steps : requestId, this::stepFinished);
    }

    private void stepFinished(InFlightRequest flight) {
        RequestTrace trace = flight.trace();
        if (intendedNanos == RequestLauncher.WHEN_PREPARED) {
            intendedNanos = trace.intendedNanos();
        }
        if (trace.interrupted()) {
            end(trace.endNanos(), Outcome.INTERRUPTED);
            return;
        }
        if (trace.error() != null) {
            end(trace.endNanos(), Outcome.FAILED, Dispatcher.unreachable(trace));
            return;
        }
        tokens += trace.inputTokens() + trace.outputTokens();
        PreparedRequest next = request.next(flight.reply());
        if (next == null) {
            end(trace.endNanos(), Outcome.SUCCEEDED);
        } else if (host.stopping()) {
            end(trace.endNanos(), Outcome.INTERRUPTED);
        } else {
            long pause = request.pauseNanos();
            long due = trace.endNanos() + pause;
            if (pause == 0) {
                send(next, due);
                return;
            }
            thinkNanos += pause;
            host.at(due, () -> {
                if (ended) {
                    return;
                }
                if (host.stopping()) {
                    end(System.nanoTime(), Outcome.INTERRUPTED);
                } else {
                    send(next, due);
                }
            });
        }
    }

    private void end(long endNanos, Outcome outcome) {
        end(endNanos, outcome, false);
    }

    private void end(long endNanos, Outcome outcome, boolean unreachable) {
        if (ended) {
            return;
        }
        ended = true;
        if (intendedNanos == RequestLauncher.WHEN_PREPARED) {
            intendedNanos = endNanos; // interrupted before its first step was started
        }
        host.ended(this, new UserRequestTrace(request.userRequestCell(), intendedNanos, endNanos, steps, tokens,
                thinkNanos, outcome));
        if (onDone != null) {
            onDone.ended(unreachable);
        }
    }
}
