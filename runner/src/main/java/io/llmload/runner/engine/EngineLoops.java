package io.llmload.runner.engine;

import io.llmload.runner.report.EngineData;
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
 *
 * <p>With one processor they all share one event loop instead ({@link #sharedLoop()}). A second thread cannot run
 * beside the first there: each hand-over from the control loop to a lane waited for the scheduler to switch
 * threads (send lag p50 0.55–0.65 ms against 0.10–0.23 ms on one thread at 2,000 req/s on one pinned core, see
 * docs/benchmarks.md), and whichever loop was not running fell behind by a scheduler slice. The contexts stay apart,
 * so the code is the same either way; the one thread gets one probe, and its lag is not split by kind of loop.
 */
final class EngineLoops implements AutoCloseable {

    /** System property overriding the number of I/O lanes (default: one per available processor). */
    static final String LANES_PROPERTY = "llmload.engine.lanes";
    /** System property: {@code true} runs the control loop and the lanes on one thread, {@code false} each on one. */
    static final String SHARED_LOOP_PROPERTY = "llmload.engine.sharedLoop";

    private final boolean shared;
    private final Vertx vertx;
    private final Context control;
    private final List<Context> lanes;
    private final List<LoopLagProbe> probes = new ArrayList<>();
    private final EngineClock clock;
    private final LoopLagSampler sampler;

    /** @param shared whether the control loop and the lanes share one event loop thread ({@link #sharedLoop()}) */
    EngineLoops(int laneCount, boolean shared) {
        if (laneCount < 1) {
            throw new IllegalArgumentException("at least one lane, got " + laneCount);
        }
        this.shared = shared;
        int threads = shared ? 1 : laneCount + 1;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(threads).setWorkerPoolSize(1));
        VertxInternal internal = (VertxInternal) vertx;
        Iterator<EventExecutor> loops = vertx.nettyEventLoopGroup().iterator();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        EventLoop controlLoop = (EventLoop) loops.next();
        this.control = internal.createEventLoopContext(controlLoop, null, loader);
        List<Context> created = new ArrayList<>();
        for (int i = 0; i < laneCount; i++) {
            EventLoop laneLoop = shared ? controlLoop : (EventLoop) loops.next();
            created.add(internal.createEventLoopContext(laneLoop, null, loader));
        }
        this.lanes = List.copyOf(created);
        // One probe per thread: two on one thread would count its lateness twice.
        probes.add(new LoopLagProbe(control));
        if (!shared) {
            lanes.forEach(lane -> probes.add(new LoopLagProbe(lane)));
        }
        this.clock = new EngineClock();
        this.sampler = new LoopLagSampler(probes, clock);
    }

    /** Lanes for a run: one per processor (or the system property), never more than connections allowed. */
    static int laneCount(int maxConnections) {
        int wanted = Integer.getInteger(LANES_PROPERTY, Runtime.getRuntime().availableProcessors());
        return Math.max(1, Math.min(wanted, maxConnections));
    }

    /** Whether a run's loops share one thread: only with one processor, unless the system property says otherwise. */
    static boolean sharedLoop() {
        String set = System.getProperty(SHARED_LOOP_PROPERTY);
        return set == null ? Runtime.getRuntime().availableProcessors() == 1 : Boolean.parseBoolean(set);
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

    /** Event loop threads: the control loop and each lane, or the one they share. */
    int loopCount() {
        return probes.size();
    }

    /** The run's figures from the control loop's and the lanes' measured lag (µs); one shared loop's is not split. */
    EngineData engineData(Histogram controlLag, Histogram laneLag) {
        return shared ? EngineData.oneLoop(controlLag) : EngineData.of(loopCount(), controlLag, laneLag);
    }

    void startProbes() {
        sampler.start();
    }

    /** The control loop's lateness since the last call (µs). */
    Histogram controlLagInterval() {
        return probes.get(0).interval();
    }

    /** The lateness of every I/O lane since the last call, merged (µs); none when they share the control loop's. */
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
