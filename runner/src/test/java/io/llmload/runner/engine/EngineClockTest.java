package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The engine's clock fires every deadline in order and never early, on the loop it was set for. */
class EngineClockTest {

    private static final long MS = 1_000_000;

    @Test
    void deadlinesFireInDueOrderAndNeverBeforeTheirTime() {
        List<long[]> fired = new CopyOnWriteArrayList<>(); // {due, firedAt, sequence}
        try (EngineClock clock = new EngineClock()) {
            // The clock's thread waits here until every deadline is set: a test thread descheduled half-way would
            // otherwise set some after later ones already fired.
            CountDownLatch allSet = new CountDownLatch(1);
            clock.at(System.nanoTime(), now -> awaitQuietly(allSet));
            SplittableRandom random = new SplittableRandom(7);
            long base = System.nanoTime() + 5 * MS;
            List<Long> dues = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                dues.add(base + random.nextLong(40 * MS));
            }
            // Three due together fire in the order they were set.
            long together = base + 45 * MS;
            for (int i = 0; i < 3; i++) {
                dues.add(together);
            }
            for (int i = 0; i < dues.size(); i++) {
                long sequence = i;
                clock.at(dues.get(i), now -> fired.add(new long[] { dues.get((int) sequence), System.nanoTime(),
                        sequence }));
            }
            allSet.countDown();
            await().atMost(Duration.ofSeconds(20)).until(() -> fired.size() == dues.size());
        }
        assertThat(fired).allSatisfy(f -> assertThat(f[1]).isGreaterThanOrEqualTo(f[0]));
        for (int i = 1; i < fired.size(); i++) {
            assertThat(fired.get(i)[0]).isGreaterThanOrEqualTo(fired.get(i - 1)[0]);
        }
        assertThat(fired.subList(fired.size() - 3, fired.size())).extracting(f -> f[2]).containsExactly(60L, 61L,
                62L);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aLoopTimerRunsItsTaskOnThatLoopAtOrAfterDueForShortAndLongWaits() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (EngineClock clock = new EngineClock()) {
            Context loop = vertx.getOrCreateContext();
            EngineClock.LoopTimer timer = clock.on(loop);
            // Below the hand-over threshold the loop's scheduler waits; above it, the clock's thread does.
            long[] waits = { 0, 200_000, EngineClock.HAND_OVER_MIN_NANOS / 2, 3 * MS, 20 * MS };
            List<long[]> ran = new CopyOnWriteArrayList<>(); // {due, ranAt, onLoop}
            for (long wait : waits) {
                // Set from the loop itself, as drivers do, and from another thread, as the clock's samples do.
                long due = System.nanoTime() + wait;
                loop.runOnContext(v -> timer.at(due, () -> ran.add(new long[] { due, System.nanoTime(),
                        Vertx.currentContext() == loop ? 1 : 0 })));
                long dueFromOutside = System.nanoTime() + wait;
                timer.at(dueFromOutside, () -> ran.add(new long[] { dueFromOutside, System.nanoTime(),
                        Vertx.currentContext() == loop ? 1 : 0 }));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> ran.size() == 2 * waits.length);
            assertThat(ran).allSatisfy(r -> {
                assertThat(r[1]).as("ran at or after due").isGreaterThanOrEqualTo(r[0]);
                assertThat(r[2]).as("ran on the loop's context").isEqualTo(1);
            });
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void closingDropsDeadlinesStillPending() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        EngineClock clock = new EngineClock();
        clock.at(System.nanoTime() + 300 * MS, now -> ran.set(true));
        clock.close();
        Thread.sleep(500);
        assertThat(ran).isFalse();
    }
}
