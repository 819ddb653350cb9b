package io.llmload.runner.bench;

import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The floor under the engine's event-loop lag: how late the machine itself runs a timer when nothing else is done.
 * The engine measures a loop's lag with a probe that its clock thread hands to the loop every 5 ms (the clock parks
 * until the deadline, the loop is woken from its selector); here a thread that does only that — park, hand the due
 * time to a second thread blocked in {@link Selector#select()}, wake it — records how late that thread sees each
 * deadline. No Vert.x, no requests, no allocation worth a collection: what lag no engine can go below on this
 * machine with this wake-up path, and so how much of the report's 1 ms warning threshold the machine leaves.
 *
 * <p>Usage: {@code bench/lag-floor.sh [seconds]} (default 30).
 */
public final class LagFloorBench {

    private static final long PERIOD_NANOS = 5_000_000L;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int samples = (int) (seconds * 1_000_000_000L / PERIOD_NANOS);
        long[] clockLate = new long[samples];
        long[] loopLate = new long[samples];
        ConcurrentLinkedQueue<Long> handedOver = new ConcurrentLinkedQueue<>();
        try (Selector selector = Selector.open()) {
            Thread loop = new Thread(() -> runLoop(selector, handedOver, loopLate), "lag-floor-loop");
            loop.start();
            long due = System.nanoTime() + PERIOD_NANOS;
            for (int i = 0; i < samples; i++) {
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                clockLate[i] = System.nanoTime() - due;
                handedOver.add(due);
                selector.wakeup();
                due += PERIOD_NANOS;
            }
            loop.join();
        }
        System.out.printf(Locale.ROOT, "lag floor: %d samples every %d ms | clock thread (park to a deadline) %s"
                + " | loop thread (handed over, woken from select) %s%n", samples, PERIOD_NANOS / 1_000_000,
                percentiles(clockLate), percentiles(loopLate));
    }

    /** The woken thread: records how late it sees every due time handed to it, until it has seen them all. */
    private static void runLoop(Selector selector, ConcurrentLinkedQueue<Long> handedOver, long[] late) {
        int seen = 0;
        try {
            while (seen < late.length) {
                selector.select();
                Long due;
                while ((due = handedOver.poll()) != null) {
                    late[seen++] = System.nanoTime() - due;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Sorts {@code nanos} in place; every sample counts (no warmup: nothing here needs the JIT). */
    private static String percentiles(long[] nanos) {
        Arrays.sort(nanos);
        int n = nanos.length;
        return String.format(Locale.ROOT, "late p50 %.3f p99 %.3f p99.9 %.3f max %.3f ms", nanos[n / 2] / 1e6,
                nanos[(int) (n * 0.99)] / 1e6, nanos[(int) (n * 0.999)] / 1e6, nanos[n - 1] / 1e6);
    }
}
