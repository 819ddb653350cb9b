package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** A loop's lag is how late it ran a probe handed to it; a stall weighs by its length, and is counted once. */
class LoopLagProbeTest {

    private static final long PERIOD_NANOS = 5_000_000;

    @Test
    void aBlockedLoopRecordsTheStallBackFilledAndAProbeStillWaitingIsNotHandedOverTwice() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Context loop = vertx.getOrCreateContext();
            LoopLagProbe probe = new LoopLagProbe(loop);
            CountDownLatch blocking = new CountDownLatch(1);
            CompletableFuture<Void> unblocked = new CompletableFuture<>();
            loop.runOnContext(v -> {
                blocking.countDown();
                sleep(60);
                unblocked.complete(null);
            });
            assertThat(blocking.await(10, TimeUnit.SECONDS)).isTrue();
            probe.sample(System.nanoTime(), PERIOD_NANOS);
            sleep(20);
            probe.sample(System.nanoTime(), PERIOD_NANOS); // the first is still waiting: already back-filled
            unblocked.get(10, TimeUnit.SECONDS);
            Histogram lag = awaitSamples(probe, loop);

            long lateMicros = lag.getMaxValue();
            assertThat(lateMicros).isGreaterThanOrEqualTo(55_000); // µs: the probe waited out the rest of the block
            // One probe, back-filled every 5 ms of its lateness (jHiccup): floor(late / period) samples. Handing the
            // second probe over as well would have added ~8 more.
            long expected = lateMicros / (PERIOD_NANOS / 1_000);
            assertThat(lag.getTotalCount()).isBetween(expected - 1, expected + 1);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theSamplerProbesEveryLoopOnTheClockUntilStopped() throws Exception {
        Vertx vertx = Vertx.vertx();
        EngineClock clock = new EngineClock();
        try {
            Context first = vertx.getOrCreateContext();
            Context second = vertx.getOrCreateContext();
            LoopLagProbe one = new LoopLagProbe(first);
            LoopLagProbe two = new LoopLagProbe(second);
            LoopLagSampler sampler = new LoopLagSampler(List.of(one, two), clock);
            Histogram seenOne = new Histogram(3);
            Histogram seenTwo = new Histogram(3);
            sampler.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                seenOne.add(one.interval());
                seenTwo.add(two.interval());
                return seenOne.getTotalCount() >= 10 && seenTwo.getTotalCount() >= 10;
            });

            sampler.stop();
            clock.close(); // no sample is half-way through handing probes over
            awaitSamples(one, first);
            awaitSamples(two, second);
            sleep(3 * PERIOD_NANOS / 1_000_000);
            assertThat(one.interval().getTotalCount()).isZero();
            assertThat(two.interval().getTotalCount()).isZero();
        } finally {
            clock.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** The probe's interval once every task handed to its loop so far has run. */
    private static Histogram awaitSamples(LoopLagProbe probe, Context loop) throws Exception {
        CompletableFuture<Void> drained = new CompletableFuture<>();
        loop.runOnContext(v -> drained.complete(null));
        drained.get(10, TimeUnit.SECONDS);
        return probe.interval();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
