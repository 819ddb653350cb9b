package io.llmload.runner.engine;

import io.llmload.runner.metrics.CellRow;
import io.llmload.runner.metrics.ErrorClass;
import io.llmload.runner.metrics.LiveMetrics;
import io.llmload.runner.metrics.MetricsCollector;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.metrics.UserRequestTrace;
import io.llmload.runner.workload.PreparedRequest;
import io.llmload.runner.workload.RequestFactory;
import io.llmload.runner.workload.UserRequest;
import io.vertx.core.Vertx;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The control loop's side of requests: prepares each user request (prompts, tokenizing, dataset reads — none of it
 * on an I/O lane), hands its attempts to the least busy lane, and when an attempt comes back counts its output tokens,
 * records it, and retries it or lets its user request go on. Confined to the control loop.
 *
 * <p>The next user request is prepared ahead, right after the loop finished its current task, so that building it
 * is not between an arrival's fire time and its send (the draws from the mix stay in the same order).
 */
final class Dispatcher implements RequestLauncher, UserRequestRun.Host {

    private final Vertx vertx;
    private final EngineClock.LoopTimer controlTimer;
    private final CellRows rows;
    private final String idPrefix;
    private final RequestFactory requests;
    /** Counts streamed chunks' tokens on the control loop, remembering the short texts that recur. */
    private final ChunkTokenCounter chunkTokens;
    private final MetricsCollector metrics;
    private final LiveMetrics live;
    private final LiveMetrics.Grid liveCells;
    private final Consumer<RequestTrace> traceListener;
    private final List<Lane> lanes;
    private final RetryScheduler retries;
    private final Consumer<String> abort;
    private final Runnable drained;
    /** User requests under way (composites between steps included), to end as interrupted when the run ends. */
    private final Set<UserRequestRun> running = new LinkedHashSet<>();
    /** The next user request, prepared ahead (null: none yet), or why it could not be. */
    private UserRequest prepared;
    private RuntimeException unprepared;
    private boolean preparing;
    private long startNanos;
    private long sequence;
    private long stepSequence;
    private int inFlight;
    private boolean stopping;

    /**
     * @param abort stops the run with a reason (a request that cannot be prepared)
     * @param drained runs when the load has stopped and the last attempt came back
     */
    Dispatcher(EngineConfig config, CellRows rows, RequestFactory requests, MetricsCollector metrics,
            List<Lane> lanes, EngineLoops loops, Consumer<String> abort, Runnable drained) {
        this.vertx = loops.vertx();
        this.controlTimer = loops.controlTimer();
        this.rows = rows;
        this.idPrefix = config.name() + "-" + config.share().index() + "-";
        this.requests = requests;
        this.chunkTokens = new ChunkTokenCounter(requests.tokenizer());
        this.metrics = metrics;
        this.live = config.live();
        this.liveCells = live.grid(rows.rows().stream().map(CellRow::stage).toList(), requests.cellNames());
        this.traceListener = config.traceListener();
        this.lanes = lanes;
        this.abort = abort;
        this.drained = drained;
        this.retries = new RetryScheduler(controlTimer, RetryPolicy.from(config.workload().retry(), config.seed()),
                this::sendAttempt, this::endRequest);
    }

    void start(long testStartNanos) {
        this.startNanos = testStartNanos;
    }

    /** Attempts on the wire. */
    int inFlight() {
        return inFlight;
    }

    /** No request is started or retried any more; the waiting retries end with their last attempt. */
    void stop() {
        stopping = true;
        retries.dropWaiting();
        if (inFlight == 0) {
            drained.run();
        }
    }

    /** Cuts every attempt on the wire at {@code nanos}; once they all came back, runs {@code then}. */
    void interruptAll(long nanos, Runnable then) {
        int[] pending = { lanes.size() };
        for (Lane lane : lanes) {
            lane.interruptAll(nanos, () -> {
                if (--pending[0] == 0) {
                    then.run();
                }
            });
        }
    }

    /** Ends the user requests still under way (a session between two turns) as interrupted at {@code nanos}. */
    void interruptUserRequests(long nanos) {
        List.copyOf(running).forEach(run -> run.interrupt(nanos));
    }

    @Override
    public long startNanos() {
        return startNanos;
    }

    @Override
    public void launch(long intendedNanos, Done onDone) {
        if (stopping) {
            if (onDone != null) {
                onDone.ended(false);
            }
            return;
        }
        UserRequest request = prepared;
        prepared = null;
        try {
            if (unprepared != null) {
                throw unprepared;
            }
            if (request == null) {
                request = requests.nextUserRequest();
            }
        } catch (RuntimeException e) {
            // E.g. a dataset file that became unreadable mid-run: stop with the reason rather than lose users.
            abort.accept("cannot prepare a request: " + e.getMessage());
            return;
        }
        UserRequestRun run = new UserRequestRun(request, idPrefix + (++sequence), this, onDone);
        running.add(run);
        run.start(intendedNanos);
        prepareNext();
    }

    /** Prepares the next user request once the loop is free; a failure is reported by the launch that needs it. */
    private void prepareNext() {
        if (preparing) {
            return;
        }
        preparing = true;
        vertx.runOnContext(v -> {
            preparing = false;
            if (prepared == null && unprepared == null && !stopping) {
                try {
                    prepared = requests.nextUserRequest();
                } catch (RuntimeException e) {
                    unprepared = e;
                }
            }
        });
    }

    @Override
    public boolean stopping() {
        return stopping;
    }

    @Override
    public void send(PreparedRequest step, long intendedNanos, String requestId,
            Consumer<InFlightRequest> onFinished) {
        // A request due when started belongs to the row of now: its lane starts it a moment later.
        long due = intendedNanos == WHEN_PREPARED ? System.nanoTime() : intendedNanos;
        RetryingRequest request = new RetryingRequest(step, requestId, ++stepSequence,
                rows.rowAt(due - startNanos), onFinished);
        sendAttempt(request, new RequestTrace(requestId, step.type().index(), intendedNanos, step.type().stream(),
                step.promptTokens()));
    }

    @Override
    public void at(long dueNanos, Runnable task) {
        controlTimer.at(dueNanos, task);
    }

    @Override
    public void ended(UserRequestRun run, UserRequestTrace trace) {
        running.remove(run);
        if (run.composite()) {
            metrics.recordUserRequest(rows.rowAt(trace.intendedNanos() - startNanos), trace);
        }
    }

    private void sendAttempt(RetryingRequest request, RequestTrace attempt) {
        inFlight++;
        live.inFlight(inFlight);
        leastBusyLane().send(request.prepared, attempt, flight -> finished(flight, request));
    }

    private Lane leastBusyLane() {
        Lane best = lanes.get(0);
        for (int i = 1; i < lanes.size(); i++) {
            if (lanes.get(i).utilization() < best.utilization()) {
                best = lanes.get(i);
            }
        }
        return best;
    }

    private void finished(InFlightRequest flight, RetryingRequest request) {
        inFlight--;
        live.inFlight(inFlight);
        request.ended(flight);
        RequestTrace trace = flight.trace();
        trace.countTokens(chunkTokens::count);
        if (trace.attempt() == 0) {
            metrics.record(request.row, trace);
            liveCells.record(request.row, trace);
        } else {
            metrics.recordRetryAttempt(request.row, trace);
            liveCells.recordRetryAttempt(request.row, trace);
        }
        traceListener.accept(trace);
        if (stopping || !retries.retry(request, trace)) {
            endRequest(request);
        }
        if (stopping && inFlight == 0) {
            drained.run();
        }
    }

    /** The request will not be retried (again): its retries are summed up and its user request may go on. */
    private void endRequest(RetryingRequest request) {
        if (request.lastTrace().attempt() > 0) {
            metrics.recordRetriedRequest(request.row, request.firstIntendedNanos(), request.lastTrace());
        }
        request.onDone.accept(request.last);
    }

    /** A failed attempt that never reached the server: nothing was sent because no connection could be opened. */
    static boolean unreachable(RequestTrace trace) {
        return trace.error() == ErrorClass.CONNECTION && trace.sendNanos() == 0;
    }
}
