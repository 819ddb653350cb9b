package io.llmload.runner.engine;

import io.llmload.runner.metrics.ErrorClass;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.workload.PreparedRequest;
import io.vertx.core.http.HttpClientRequest;
import java.util.function.Consumer;

/**
 * One request on the wire. Whatever ends it first — the response, an error, the timeout, or the test stopping —
 * finishes it exactly once and hands the trace on; later signals are ignored.
 */
final class InFlightRequest {

    private final PreparedRequest prepared;
    private final RequestTrace trace;
    private final Consumer<InFlightRequest> onFinished;
    /** The response text, kept only when a composite's next step needs it (else null: no copy of every reply). */
    private final StringBuilder reply;
    private HttpClientRequest request;
    private long timeoutTimer = -1;
    /** The lane's connection pool it holds a slot in (-1: none yet). */
    private int pool = -1;
    private boolean finished;

    /** {@code prepared}'s reply text is kept when a composite's next step needs it. */
    InFlightRequest(PreparedRequest prepared, RequestTrace trace, Consumer<InFlightRequest> onFinished) {
        this.prepared = prepared;
        this.trace = trace;
        this.onFinished = onFinished;
        this.reply = prepared.keepReply() ? new StringBuilder() : null;
    }

    PreparedRequest prepared() {
        return prepared;
    }

    /** Appends response text when this request keeps its reply; a no-op otherwise. */
    void replyText(String text) {
        if (reply != null && text != null) {
            reply.append(text);
        }
    }

    /** The kept response text; empty when none was kept. */
    String reply() {
        return reply == null ? "" : reply.toString();
    }

    RequestTrace trace() {
        return trace;
    }

    boolean finished() {
        return finished;
    }

    void attach(HttpClientRequest request) {
        this.request = request;
        // Failures reach us through the send and response futures; this only keeps the expected "stream reset"
        // of a request we cut (reset below) out of the log. Set now: Vert.x refuses handlers once a request was sent.
        request.exceptionHandler(ignored -> { });
        if (finished) {
            request.reset();
        }
    }

    void pool(int index) {
        this.pool = index;
    }

    int pool() {
        return pool;
    }

    void timeoutTimer(long timerId) {
        this.timeoutTimer = timerId;
    }

    long timeoutTimer() {
        return timeoutTimer;
    }

    void succeed(long nanos) {
        if (!finished) {
            trace.succeeded(nanos);
            finish(false);
        }
    }

    void fail(long nanos, ErrorClass errorClass, String message) {
        if (!finished) {
            trace.failed(nanos, errorClass, message);
            finish(true);
        }
    }

    void interrupt(long nanos) {
        if (!finished) {
            trace.interrupted(nanos);
            finish(true);
        }
    }

    private void finish(boolean closeConnection) {
        finished = true;
        if (closeConnection && request != null) {
            // A stream we stop reading must not go back to the pool half-consumed.
            request.reset();
        }
        onFinished.accept(this);
    }
}
