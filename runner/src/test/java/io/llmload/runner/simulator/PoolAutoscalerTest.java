package io.llmload.runner.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The simulated HPA tick by tick: recommendation, tolerance, clamping, and both stabilization windows. */
class PoolAutoscalerTest {

    private static final long S = 1_000_000_000L;

    /** KV-cache usage, target 0.5, min 1, max 4; scale-up must hold 3 s, scale-down 5 s; ticks every second. */
    private static final ScalingPolicy POLICY = new ScalingPolicy(1, 4, ScalingMetric.KV_CACHE_USAGE, 0.5,
            Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(5));

    @Test
    void recommendsTheSumOverTheTargetWithinMinMaxAndTolerance() {
        assertThat(POLICY.recommend(1.0, 1)).isEqualTo(2);
        assertThat(POLICY.recommend(1.4, 1)).isEqualTo(3);
        assertThat(POLICY.recommend(9.0, 1)).isEqualTo(4); // clamped to max
        assertThat(POLICY.recommend(0.0, 3)).isEqualTo(1); // clamped to min
        assertThat(POLICY.recommend(1.05, 2)).isEqualTo(2); // ratio 1.05: within the 10% tolerance
        assertThat(POLICY.recommend(1.2, 2)).isEqualTo(3); // ratio 1.2: outside
    }

    @Test
    void aScaleUpWaitsUntilTheHigherRecommendationHeldForTheDecisionDelay() {
        PoolAutoscaler autoscaler = new PoolAutoscaler(POLICY, 0, 1);
        int desired = 1;
        desired = autoscaler.next(1 * S, 0.2, desired);
        assertThat(desired).isEqualTo(1);
        // From 2 s on the cache is full: 1.0 / 0.5 = 2 replicas recommended.
        desired = autoscaler.next(2 * S, 1.0, desired);
        assertThat(desired).isEqualTo(1);
        desired = autoscaler.next(3 * S, 1.0, desired);
        desired = autoscaler.next(4 * S, 1.0, desired);
        assertThat(desired).as("the 1.0 at 1 s was in force when the window began").isEqualTo(1);
        desired = autoscaler.next(5 * S, 1.0, desired);
        assertThat(desired).as("2 recommended since 2 s, i.e. for the whole 3 s window").isEqualTo(2);
    }

    @Test
    void aScaleDownTakesTheHighestRecommendationOfItsWindow() {
        PoolAutoscaler autoscaler = new PoolAutoscaler(POLICY, 0, 3);
        int desired = 3;
        // 3 replicas, the usage falls: 0.3 → 1 replica recommended from 1 s on.
        for (int t = 1; t <= 5; t++) {
            desired = autoscaler.next(t * S, 0.3, desired);
            assertThat(desired).as("at %d s", t).isEqualTo(3);
        }
        desired = autoscaler.next(6 * S, 0.3, desired);
        assertThat(desired).isEqualTo(1);
    }

    @Test
    void aBriefDipDoesNotScaleDown() {
        PoolAutoscaler autoscaler = new PoolAutoscaler(POLICY, 0, 2);
        int desired = 2;
        for (int t = 1; t <= 20; t++) {
            double usage = t % 4 == 0 ? 0.1 : 1.0; // one low second in four
            desired = autoscaler.next(t * S, usage, desired);
            assertThat(desired).as("at %d s", t).isEqualTo(2);
        }
    }
}
