package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmload.runner.plan.ArrivalProcess;
import io.llmload.runner.plan.FireTimeSequence;
import io.llmload.runner.plan.LoadModel;
import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.plan.PlannedStage;
import io.llmload.runner.plan.RunnerShare;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The open model launches every request of the plan, each with its intended time, and none before that time. */
class OpenModelDriverTest {

    @Test
    void aDenseRateLaunchesEveryRequestOnItsLoopAndNoneEarly() throws Exception {
        // 2,000 req/s for 0.2 s: 0.5 ms apart, finer than the loops' millisecond timers.
        LoadPlan plan = new LoadPlan(LoadModel.OPEN, ArrivalProcess.CONSTANT,
                List.of(new PlannedStage(0, "dense", 0, 200_000_000L, 2_000, 2_000, false)), Duration.ZERO,
                Duration.ofSeconds(30));
        Vertx vertx = Vertx.vertx();
        try (EngineClock clock = new EngineClock()) {
            Context loop = vertx.getOrCreateContext();
            RecordingLauncher launcher = new RecordingLauncher(loop);
            OpenModelDriver driver = new OpenModelDriver(clock.on(loop),
                    new FireTimeSequence(plan, RunnerShare.SOLE, 1), launcher);
            loop.runOnContext(v -> driver.start());
            await().atMost(Duration.ofSeconds(20)).until(() -> launcher.launches.size() >= 400);
            Thread.sleep(50); // nothing more comes once the plan ended

            assertThat(launcher.launches).hasSize(400);
            assertThat(launcher.launches).allSatisfy(launch -> {
                assertThat(launch[1]).as("launched at or after its intended time").isGreaterThanOrEqualTo(launch[0]);
                assertThat(launch[2]).as("launched on the driver's loop").isEqualTo(1);
            });
            for (int i = 1; i < 400; i++) {
                assertThat(launcher.launches.get(i)[0] - launcher.launches.get(i - 1)[0]).isBetween(499_990L, 500_010L);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Records {intended, launchedAt, onLoop} for every launch. */
    private static final class RecordingLauncher implements RequestLauncher {

        final List<long[]> launches = new CopyOnWriteArrayList<>();
        private final Context loop;
        private final long startNanos = System.nanoTime();

        RecordingLauncher(Context loop) {
            this.loop = loop;
        }

        @Override
        public long startNanos() {
            return startNanos;
        }

        @Override
        public void launch(long intendedNanos, Done onDone) {
            launches.add(new long[] { intendedNanos, System.nanoTime(), Vertx.currentContext() == loop ? 1 : 0 });
        }
    }
}
