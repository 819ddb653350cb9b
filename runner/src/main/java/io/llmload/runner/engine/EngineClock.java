package io.llmload.runner.engine;

import io.vertx.core.Context;
import io.vertx.core.impl.ContextInternal;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The engine's clock: one thread that wakes at deadlines to the tens of microseconds and hands what is due to an
 * event loop. Why not the loops' own timers: an idle Netty NIO loop sleeps in its selector for whole milliseconds,
 * rounded up, so a timer due in 0.3 ms runs after 1 ms and one due in 20 ms after up to 21 ms. Every request the
 * open model fires then leaves ~1 ms late (send lag that the latency from the intended send time carries), and a lag
 * probe on such a timer measures the selector's rounding, not the loop. A task handed to a loop wakes it at once.
 *
 * <p>Deadlines never fire early; {@link #close()} drops the ones still pending.
 */
final class EngineClock implements AutoCloseable {

    /** System property overriding {@link #HAND_OVER_MIN_NANOS}, in µs (0: every wait on the clock). */
    static final String HAND_OVER_PROPERTY = "llmload.engine.handOverMinMicros";

    /**
     * Waits shorter than this are left to the loop's own scheduler, which never runs a task early either but may
     * run it up to this much late. The trade is CPU: below a millisecond the waits come one after another (2,000
     * req/s is a wait every 0.5 ms), and handing each over through this thread costs a thread wake-up on both sides
     * — at 2,000 req/s 12–20 % more CPU for a send lag p50 of 0.15 instead of 0.5 ms, and on a core shared with the
     * lanes those then ran late (docs/benchmarks.md, "Fire times on the engine's clock").
     */
    static final long HAND_OVER_MIN_NANOS = Long.getLong(HAND_OVER_PROPERTY, 1_000) * 1_000;

    private final DelayQueue<Deadline> deadlines = new DelayQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Thread thread;

    EngineClock() {
        thread = new Thread(this::run, "llmload-clock");
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code onClock} on the clock's thread once {@code dueNanos} ({@link System#nanoTime()}) has passed. */
    void at(long dueNanos, LongConsumer onClock) {
        deadlines.add(new Deadline(dueNanos, sequence.incrementAndGet(), onClock));
    }

    /** Timers for tasks that must run on {@code loop}. */
    LoopTimer on(Context loop) {
        ContextInternal context = (ContextInternal) loop;
        return (dueNanos, task) -> {
            long waitNanos = dueNanos - System.nanoTime();
            if (waitNanos < HAND_OVER_MIN_NANOS) {
                // Dispatched on the context, as Vert.x's own timers are: what the task starts stays on this loop.
                context.nettyEventLoop().schedule(() -> context.dispatch(task), Math.max(0, waitNanos),
                        TimeUnit.NANOSECONDS);
            } else {
                at(dueNanos, now -> loop.runOnContext(v -> task.run()));
            }
        };
    }

    /** Stops the clock; deadlines still pending never fire. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deadlines.clear();
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Deadline due = deadlines.take();
                try {
                    due.onClock.accept(due.dueNanos);
                } catch (RejectedExecutionException closing) {
                    // That loop is shutting down with the engine: nothing is left to run on it.
                }
            }
        } catch (InterruptedException closed) {
            // close(): the thread ends.
        }
    }

    /** Runs a task on one event loop at or after a deadline. */
    @FunctionalInterface
    interface LoopTimer {

        /** Runs {@code task} on the loop once {@code dueNanos} ({@link System#nanoTime()}) has passed. */
        void at(long dueNanos, Runnable task);
    }

    /** Ordered by due time, then by when it was set: two deadlines due together fire in the order they were set. */
    private record Deadline(long dueNanos, long sequence, LongConsumer onClock) implements Delayed {

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Deadline that = (Deadline) other;
            int byDue = Long.compare(dueNanos - that.dueNanos, 0);
            return byDue != 0 ? byDue : Long.compare(sequence, that.sequence);
        }
    }
}
