package io.llmload.runner.engine;

import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.workload.PreparedRequest;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One I/O event loop of the engine. It sends the attempts the control loop hands it over a client of its own (its
 * connections live on this loop), so every timestamp of a request — sent, each chunk, the end — is taken on the
 * thread that reads its bytes, and nothing slower than decoding runs there. A finished attempt goes back to the
 * control loop. {@link #send}, {@link #interruptAll} and {@link #utilization} are the control loop's; the rest runs
 * here.
 */
final class Lane implements AutoCloseable {

    private final Context context;
    private final Context control;
    private final RequestExecutor executor;
    private final int connections;
    /** The lane's requests on the wire; touched on the lane's loop only. */
    private final Set<InFlightRequest> inFlight = new LinkedHashSet<>();
    /** Attempts handed to this lane and not yet back; touched on the control loop only. */
    private int load;

    Lane(Context context, Context control, Target target, int connections) {
        this.context = context;
        this.control = control;
        this.connections = connections;
        this.executor = new RequestExecutor(context.owner(), target, connections);
    }

    /** How busy the lane is, relative to its connections (control loop). */
    double utilization() {
        return load / (double) connections;
    }

    /**
     * Sends {@code trace}'s attempt of {@code prepared} on this lane; {@code onFinished} gets it back on the control
     * loop, once, when it ended.
     */
    void send(PreparedRequest prepared, RequestTrace trace, Consumer<InFlightRequest> onFinished) {
        load++;
        context.runOnContext(v -> {
            trace.started(System.nanoTime());
            trace.expectChunks(prepared.maxTokens());
            InFlightRequest flight = new InFlightRequest(prepared, trace, finished -> {
                context.owner().cancelTimer(finished.timeoutTimer());
                inFlight.remove(finished);
                executor.release(finished);
                control.runOnContext(x -> {
                    load--;
                    onFinished.accept(finished);
                });
            });
            inFlight.add(flight);
            executor.execute(flight);
        });
    }

    /**
     * Cuts every request on the wire as interrupted at {@code nanos}, then runs {@code then} on the control loop —
     * after the cut requests came back there (a lane's messages to the control loop keep their order).
     */
    void interruptAll(long nanos, Runnable then) {
        context.runOnContext(v -> {
            // Newest first: requests still waiting for a connection are cut before a cut request frees one for them.
            List<InFlightRequest> all = new ArrayList<>(inFlight);
            Collections.reverse(all);
            all.forEach(flight -> flight.interrupt(nanos));
            control.runOnContext(x -> then.run());
        });
    }

    @Override
    public void close() {
        executor.close();
    }
}
