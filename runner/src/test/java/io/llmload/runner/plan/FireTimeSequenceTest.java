package io.llmload.runner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FireTimeSequenceTest {

    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    /** Stages given as {durationSeconds, fromRate, toRate}, back to back. */
    private static LoadPlan plan(ArrivalProcess arrival, double[]... stages) {
        List<PlannedStage> planned = new ArrayList<>();
        long start = 0;
        for (double[] s : stages) {
            long nanos = Math.round(s[0] * S);
            planned.add(new PlannedStage(planned.size(), "s" + planned.size(), start, nanos, s[1], s[2], false));
            start += nanos;
        }
        return new LoadPlan(LoadModel.OPEN, arrival, planned, Duration.ZERO, Duration.ofSeconds(30));
    }

    private static long[] all(FireTimeSequence seq) {
        List<Long> times = new ArrayList<>();
        long t;
        while ((t = seq.nextFireTimeNanos()) >= 0) {
            times.add(t);
            if (times.size() > 10_000_000) {
                throw new AssertionError("sequence does not end");
            }
        }
        return times.stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] all(LoadPlan plan, double rateFactor, long seed) {
        RunnerShare share = rateFactor == 1.0 ? RunnerShare.SOLE : new RunnerShare(0, (int) Math.round(1 / rateFactor));
        return all(new FireTimeSequence(plan, share, seed));
    }

    private static long countBefore(long[] times, long nanos) {
        return Arrays.stream(times).filter(t -> t < nanos).count();
    }

    @Test
    void constantArrivalsAtTenPerSecondAreExactlyEveryHundredMilliseconds() {
        // constant arrivals start at the stage's first instant and stay inside [start, end)
        long[] times = all(plan(ArrivalProcess.CONSTANT, new double[] { 10, 10, 10 }), 1.0, 1);
        assertThat(times).hasSize(100);
        for (int k = 0; k < times.length; k++) {
            assertThat(times[k]).as("arrival %d", k).isEqualTo(k * 100 * MS);
        }
    }

    @Test
    void constantArrivalsIgnoreTheSeed() {
        LoadPlan plan = plan(ArrivalProcess.CONSTANT, new double[] { 5, 7, 7 });
        assertThat(all(plan, 1.0, 1)).containsExactly(all(plan, 1.0, 999));
    }

    @Test
    void poissonArrivalsHaveTheRightCountAndExponentialGaps() {
        long[] times = all(plan(ArrivalProcess.POISSON, new double[] { 60, 50, 50 }), 1.0, 42);
        // 3000 expected, sd ~55
        assertThat(times.length).isBetween(2850, 3150);
        for (int i = 1; i < times.length; i++) {
            assertThat(times[i]).as("arrival %d", i).isGreaterThan(times[i - 1]);
        }
        assertThat(times[0]).isGreaterThanOrEqualTo(0);
        assertThat(times[times.length - 1]).isLessThanOrEqualTo(60 * S);

        double[] gaps = new double[times.length];
        long previous = 0;
        for (int i = 0; i < times.length; i++) {
            gaps[i] = (times[i] - previous) / 1e9;
            previous = times[i];
        }
        double mean = Arrays.stream(gaps).average().orElseThrow();
        assertThat(mean).isCloseTo(1 / 50.0, within(0.05 / 50.0));

        // Kolmogorov-Smirnov against Exp(rate 50)
        Arrays.sort(gaps);
        int n = gaps.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double cdf = 1 - Math.exp(-50 * gaps[i]);
            d = Math.max(d, Math.max((i + 1.0) / n - cdf, cdf - (double) i / n));
        }
        assertThat(d).as("KS D statistic").isLessThan(1.63 / Math.sqrt(n));
    }

    @Test
    void theKolmogorovSmirnovCheckWouldRejectEvenlySpacedArrivals() {
        // guards the KS check above: constant gaps at the same mean are far from exponential
        long[] times = all(plan(ArrivalProcess.CONSTANT, new double[] { 60, 50, 50 }), 1.0, 42);
        int n = times.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double cdf = 1 - Math.exp(-50 * 0.02);
            d = Math.max(d, Math.max((i + 1.0) / n - cdf, cdf - (double) i / n));
        }
        assertThat(d).isGreaterThan(1.63 / Math.sqrt(n));
    }

    @Test
    void theSameSeedGivesTheSameArrivalsAndAnotherSeedDifferentOnes() {
        LoadPlan plan = plan(ArrivalProcess.POISSON, new double[] { 10, 20, 20 });
        long[] a = all(plan, 1.0, 7);
        assertThat(all(plan, 1.0, 7)).containsExactly(a);
        assertThat(all(plan, 1.0, 8)).isNotEqualTo(a);
    }

    @Test
    void constantArrivalsOnALinearRampFollowTheIntegralOfTheRate() {
        // rate 2t/s from 0 to 20/s over 10 s: Λ(t) = t², so arrival k (k = 0 … 99) is at sqrt(k) s
        long[] times = all(plan(ArrivalProcess.CONSTANT, new double[] { 10, 0, 20 }), 1.0, 1);
        assertThat(times).hasSize(100);
        for (int k = 0; k < 100; k++) {
            assertThat((double) times[k]).as("arrival %d", k).isCloseTo(Math.sqrt(k) * S, within(2.0));
        }
        // a quarter of the intensity lies in the first half: Λ(5) = 25 of Λ(10) = 100
        assertThat(countBefore(times, 5 * S)).isEqualTo(25);
    }

    @Test
    void poissonArrivalsOnARampPutAQuarterInTheFirstHalf() {
        LoadPlan ramp = plan(ArrivalProcess.POISSON, new double[] { 10, 0, 20 });
        long[] one = all(ramp, 1.0, 3);
        assertThat(one.length).isBetween(75, 125); // ~100, sd 10

        long total = 0;
        long firstHalf = 0;
        for (long seed = 1; seed <= 40; seed++) {
            long[] times = all(ramp, 1.0, seed);
            total += times.length;
            firstHalf += countBefore(times, 5 * S);
        }
        // 4000 expected (sd 63), a quarter of them (1000, sd ~27) before 5 s
        assertThat(total).isBetween(3800L, 4200L);
        assertThat(firstHalf / (double) total).isCloseTo(0.25, within(0.025));
    }

    @Test
    void constantArrivalsOnADownRampFollowTheIntegralOfTheRate() {
        // rate 20 − 2t: Λ(t) = 20t − t², so arrival k (k = 0 … 99) is at 10 − sqrt(100 − k)
        long[] times = all(plan(ArrivalProcess.CONSTANT, new double[] { 10, 20, 0 }), 1.0, 1);
        assertThat(times).hasSize(100);
        for (int k = 0; k < 100; k++) {
            assertThat((double) times[k]).as("arrival %d", k).isCloseTo((10 - Math.sqrt(100 - k)) * S,
                    within(2.0));
        }
        assertThat(countBefore(times, 5 * S)).isEqualTo(75);
    }

    @Test
    void aStageWithRateZeroGetsNoArrivals() {
        LoadPlan plan = plan(ArrivalProcess.POISSON, new double[] { 5, 10, 10 }, new double[] { 5, 0, 0 },
                new double[] { 5, 10, 10 });
        long[] times = all(plan, 1.0, 11);
        long inPause = Arrays.stream(times).filter(t -> t >= 5 * S && t < 10 * S).count();
        assertThat(inPause).isZero();
        assertThat(countBefore(times, 5 * S)).isBetween(30L, 70L);
        assertThat(Arrays.stream(times).filter(t -> t >= 10 * S).count()).isBetween(30L, 70L);
    }

    @Test
    void constantArrivalsCarryTheirPhaseAcrossStages() {
        // 10/s for 1 s, then 20/s for 1 s: 0 … 0.9, then every 50 ms from 1.0 to 1.95
        long[] times = all(plan(ArrivalProcess.CONSTANT, new double[] { 1, 10, 10 }, new double[] { 1, 20, 20 }),
                1.0, 1);
        assertThat(times).hasSize(30);
        assertThat(times[9]).isEqualTo(900 * MS);
        assertThat(times[10]).isEqualTo(1_000 * MS);
        assertThat(times[11]).isEqualTo(1_050 * MS);
        assertThat(times[29]).isEqualTo(1_950 * MS);
        // half a unit of intensity left at the end of a 2.5 arrivals/s stage carries into the next stage
        long[] carried = all(plan(ArrivalProcess.CONSTANT, new double[] { 1, 2.5, 2.5 }, new double[] { 1, 10, 10 }),
                1.0, 1);
        assertThat(carried).containsExactly(0L, 400 * MS, 800 * MS, 1_050 * MS, 1_150 * MS, 1_250 * MS, 1_350 * MS,
                1_450 * MS, 1_550 * MS, 1_650 * MS, 1_750 * MS, 1_850 * MS, 1_950 * MS);
    }

    @Test
    void theSequenceReturnsMinusOneAfterTheEndForever() {
        FireTimeSequence seq = new FireTimeSequence(plan(ArrivalProcess.CONSTANT, new double[] { 1, 4, 4 }),
                RunnerShare.SOLE, 1);
        assertThat(seq.nextFireTimeNanos()).isEqualTo(0);
        assertThat(seq.nextFireTimeNanos()).isEqualTo(250 * MS);
        assertThat(seq.nextFireTimeNanos()).isEqualTo(500 * MS);
        assertThat(seq.nextFireTimeNanos()).isEqualTo(750 * MS);
        for (int i = 0; i < 5; i++) {
            assertThat(seq.nextFireTimeNanos()).isEqualTo(-1);
        }
    }

    @Test
    void anAllZeroPlanEndsAtOnce() {
        FireTimeSequence seq = new FireTimeSequence(plan(ArrivalProcess.POISSON, new double[] { 10, 0, 0 }),
                RunnerShare.SOLE, 1);
        assertThat(seq.nextFireTimeNanos()).isEqualTo(-1);
        assertThat(seq.nextFireTimeNanos()).isEqualTo(-1);
    }

    @Test
    void rateFactorHalfHalvesTheArrivals() {
        long[] constant = all(plan(ArrivalProcess.CONSTANT, new double[] { 10, 10, 10 }), 0.5, 1);
        assertThat(constant).hasSize(50);
        assertThat(constant[1] - constant[0]).isEqualTo(200 * MS);
        assertThat(constant[49]).isEqualTo(9_800 * MS);

        LoadPlan poisson = plan(ArrivalProcess.POISSON, new double[] { 60, 50, 50 });
        long full = all(poisson, 1.0, 5).length;
        long half = all(poisson, 0.5, 5).length;
        assertThat(half).isBetween(1400L, 1600L); // 1500 expected, sd ~39
        assertThat(half / (double) full).isCloseTo(0.5, within(0.05));
    }

    @Test
    void constantArrivalsOfSeveralRunnersInterleaveEvenlyInsteadOfArrivingTogether() {
        // 3 runners share 30 req/s: each sends 10/s, runner i starting i/30 s in, so together they send one request
        // every 1/30 s — not bursts of 3 every 100 ms.
        LoadPlan plan = plan(ArrivalProcess.CONSTANT, new double[] { 1, 30, 30 });
        List<Long> together = new ArrayList<>();
        for (int runner = 0; runner < 3; runner++) {
            long[] times = all(new FireTimeSequence(plan, new RunnerShare(runner, 3), runner));
            assertThat(times).hasSize(10);
            assertThat(times[0]).isCloseTo(runner * 1_000 * MS / 30, within(1L));
            Arrays.stream(times).forEach(together::add);
        }
        long[] merged = together.stream().mapToLong(Long::longValue).sorted().toArray();
        assertThat(merged).hasSize(30);
        for (int i = 0; i < merged.length; i++) {
            assertThat(merged[i]).as("arrival %d", i).isCloseTo(i * 1_000 * MS / 30, within(1L));
        }
    }

    @Test
    void poissonRunnersDrawIndependentlyFromTheirOwnSeeds() {
        LoadPlan plan = plan(ArrivalProcess.POISSON, new double[] { 10, 20, 20 });
        long[] first = all(new FireTimeSequence(plan, new RunnerShare(0, 2), 11));
        long[] second = all(new FireTimeSequence(plan, new RunnerShare(1, 2), 12));
        assertThat(first.length + second.length).isBetween(170, 230); // 200 expected, sd ~14
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void timeForIntensitySolvesTheQuadraticOfARamp() {
        // flat: τ = need / a
        assertThat(FireTimeSequence.timeForIntensity(10, 10, 10, 25)).isCloseTo(2.5, within(1e-12));
        // from zero: a=0, b=20, D=10 → Λ(τ) = τ²
        assertThat(FireTimeSequence.timeForIntensity(0, 20, 10, 49)).isCloseTo(7, within(1e-12));
        // 4 → 24 over 20 s: Λ(τ) = 4τ + τ²/2; Λ(10) = 90
        assertThat(FireTimeSequence.timeForIntensity(4, 24, 20, 90)).isCloseTo(10, within(1e-9));
        // down-ramp 20 → 0 over 10 s: Λ(τ) = 20τ − τ²; Λ(10) = 100 (the whole stage)
        assertThat(FireTimeSequence.timeForIntensity(20, 0, 10, 100)).isCloseTo(10, within(1e-6));
        assertThat(FireTimeSequence.timeForIntensity(20, 0, 10, 75)).isCloseTo(5, within(1e-9));
        // nearly flat ramp stays numerically stable
        assertThat(FireTimeSequence.timeForIntensity(10, 10 + 1e-9, 10, 50)).isCloseTo(5, within(1e-9));
    }

    @Test
    void everyArrivalLiesInsideTheStageThatGeneratedIt() {
        // LoadEngine files a request under plan.stageAt(intended): an arrival on a stage's end would be counted
        // in the next stage (a 10/s x 10 s stage would record 99 requests).
        LoadPlan plan = plan(ArrivalProcess.CONSTANT, new double[] { 10, 10, 10 }, new double[] { 10, 0, 0 },
                new double[] { 10, 20, 20 });
        long[] perStage = new long[3];
        for (long t : all(plan, 1.0, 1)) {
            perStage[plan.stageAt(t).index()]++;
        }
        assertThat(perStage).containsExactly(100, 0, 200);

        LoadPlan poisson = plan(ArrivalProcess.POISSON, new double[] { 10, 10, 10 }, new double[] { 10, 0, 0 },
                new double[] { 10, 20, 20 });
        for (long t : all(poisson, 1.0, 9)) {
            assertThat(poisson.stageAt(t).index()).isNotEqualTo(1);
            assertThat(t).isLessThan(poisson.totalNanos());
        }
    }

    @Test
    void aConstantRampFromZeroStartsWithAnArrivalAtTheStart() {
        long[] times = all(plan(ArrivalProcess.CONSTANT, new double[] { 5, 0, 0 }, new double[] { 10, 0, 20 }), 1.0,
                1);
        assertThat(times[0]).isEqualTo(5 * S);
        assertThat((double) times[1]).isCloseTo(6 * S, within(2.0));
    }
}
