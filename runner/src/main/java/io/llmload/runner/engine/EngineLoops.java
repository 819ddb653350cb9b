package io.llmload.runner.engine;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.VertxInternal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * The engine's threads: one control loop (drivers, request preparation, metrics, interval flips) and N I/O lanes
 * (sending requests and reading their bytes), each on its own Vert.x event loop, plus one worker thread for slow
 * work nobody waits on (encoding histograms). The {@link EngineClock} wakes them at deadlines finer than their own
 * timers' milliseconds, and every loop carries a {@link LoopLagProbe} it samples.
 *
 * <p>Contexts are bound to distinct event loops explicitly ({@code VertxInternal#createEventLoopContext}): Vert.x
 * hands contexts out round-robin otherwise, and two lanes sharing a thread would halve the engine.
 */
final class EngineLoops implements AutoCloseable {

    /** System property overriding the number of I/O lanes (default: one per available processor). */
    static final String LANES_PROPERTY = "llmload.engine.lanes";

    private final Vertx vertx;
    private final Context control;
    private final List<Context> lanes;
    private final List<LoopLagProbe> probes = new ArrayList<>();
    private final EngineClock clock;
    private final LoopLagSampler sampler;

    EngineLoops(int laneCount) {
        if (laneCount < 1) {
            throw new IllegalArgumentException("at least one lane, got " + laneCount);
        }
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(laneCount + 1).setWorkerPoolSize(1));
        VertxInternal internal = (VertxInternal) vertx;
        Iterator<EventExecutor> loops = vertx.nettyEventLoopGroup().iterator();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        this.control = internal.createEventLoopContext((EventLoop) loops.next(), null, loader);
        List<Context> created = new ArrayList<>();
        for (int i = 0; i < laneCount; i++) {
            created.add(internal.createEventLoopContext((EventLoop) loops.next(), null, loader));
        }
        this.lanes = List.copyOf(created);
        probes.add(new LoopLagProbe(control));
        lanes.forEach(lane -> probes.add(new LoopLagProbe(lane)));
        this.clock = new EngineClock();
        this.sampler = new LoopLagSampler(probes, clock);
    }

    /** Lanes for a run: one per processor (or the system property), never more than connections allowed. */
    static int laneCount(int maxConnections) {
        int wanted = Integer.getInteger(LANES_PROPERTY, Runtime.getRuntime().availableProcessors());
        return Math.max(1, Math.min(wanted, maxConnections));
    }

    Vertx vertx() {
        return vertx;
    }

    Context control() {
        return control;
    }

    List<Context> lanes() {
        return lanes;
    }

    /** Timers on the control loop, to the clock's precision. */
    EngineClock.LoopTimer controlTimer() {
        return clock.on(control);
    }

    /** Every loop, control first. */
    int loopCount() {
        return probes.size();
    }

    void startProbes() {
        sampler.start();
    }

    /** The control loop's lateness since the last call (µs). */
    Histogram controlLagInterval() {
        return probes.get(0).interval();
    }

    /** The lateness of every I/O lane since the last call, merged (µs). */
    Histogram laneLagInterval(Histogram into) {
        probes.subList(1, probes.size()).forEach(probe -> into.add(probe.interval()));
        return into;
    }

    /**
     * Runs {@code work} on the worker thread and completes the future there, so neither the work nor what callers
     * chain onto the future (serializing a snapshot for an HTTP response) runs on an event loop.
     */
    <T> CompletableFuture<T> offLoop(Supplier<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        control.runOnContext(v -> vertx.executeBlocking(() -> {
            try {
                done.complete(work.get());
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
            return null;
        }, false));
        return done;
    }

    @Override
    public void close() {
        sampler.stop();
        clock.close();
        vertx.close();
    }
}
