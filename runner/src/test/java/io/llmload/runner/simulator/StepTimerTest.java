package io.llmload.runner.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepTimerTest {

    @Test
    void stepDurationFollowsTheProfileFormula() {
        // tiny: 2000 us + 0.01 us x 100 KV + 20 us x 1 seq
        assertThat(StepTimer.stepNanos(SimulatorProfile.tiny(), 100, 1, 0)).isEqualTo(2_021_000);
        // + 400 prefill tokens at 400k tok/s = 1000 us
        assertThat(StepTimer.stepNanos(SimulatorProfile.tiny(), 100, 1, 400)).isEqualTo(3_021_000);
        // demo: 6800 + 0.04 x 1000 + 20 = 6860 us for a lone 1k-token stream
        assertThat(StepTimer.stepNanos(SimulatorProfile.demo8bH100(), 1_000, 1, 0)).isEqualTo(6_860_000);
        // demo full batch: 256 seqs x 1k tokens -> ~22 ms, i.e. ~11.5k tok/s aggregate
        long full = StepTimer.stepNanos(SimulatorProfile.demo8bH100(), 256_000, 256, 0);
        assertThat(full).isBetween(20_000_000L, 40_000_000L);
        assertThat(256 / (full / 1e9)).isBetween(10_000.0, 15_000.0);
    }

    @Test
    void aSlowerProfileTakesThatMuchLongerForEveryStep() {
        SimulatorProfile slow = SimulatorProfile.tiny().slowerBy(1.2);
        // 1.2 x (2000 + 1 + 20) us, and 1.2 x the prefill of 400 tokens (1000 us)
        assertThat(StepTimer.stepNanos(slow, 100, 1, 0)).isEqualTo(2_425_200);
        assertThat(StepTimer.stepNanos(slow, 100, 1, 400)).isEqualTo(3_625_200);
        assertThat(slow.kvCacheTokens()).isEqualTo(SimulatorProfile.tiny().kvCacheTokens());
    }

    @Test
    void deadlinesAreAbsoluteAndReanchorOnlyWhenFarBehind() {
        StepTimer timer = new StepTimer(SimulatorProfile.tiny());
        assertThat(timer.nextDeadline(1_000, 500)).isEqualTo(1_500);
        // woke 100 ns late: the next step still starts at the previous deadline (no drift)
        assertThat(timer.nextDeadline(1_600, 500)).isEqualTo(2_000);
        // fell behind by more than the allowed lag: start from now, no catch-up burst
        long late = 2_000 + StepTimer.MAX_LAG_NANOS + 1;
        assertThat(timer.nextDeadline(late, 500)).isEqualTo(late + 500);
        timer.reset();
        assertThat(timer.nextDeadline(10, 5)).isEqualTo(15);
    }

    @Test
    void parkUntilWaitsForTheDeadline() {
        long deadline = System.nanoTime() + 3_000_000;
        StepTimer.parkUntil(deadline, () -> false);
        assertThat(System.nanoTime()).isGreaterThanOrEqualTo(deadline);
        long start = System.nanoTime();
        StepTimer.parkUntil(start + 5_000_000_000L, () -> true); // stop requested: returns at once
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }
}
