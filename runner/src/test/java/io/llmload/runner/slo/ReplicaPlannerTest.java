package io.llmload.runner.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.report.Aggregate;
import io.llmload.runner.spec.CostSpec;
import io.llmload.runner.spec.PlanSpec;
import org.junit.jupiter.api.Test;

/**
 * The plan's arithmetic on a known stage: 40 users served 580 requests of 100 output tokens each in 10 s, i.e.
 * 58 req/s and 5,800 output tokens/s, priced at 2.50 per GPU-hour.
 */
class ReplicaPlannerTest {

    private static final CostSpec GPU = new CostSpec(2.50, 1, null, null);

    private static Aggregate stageAtSlo() {
        return stageAtSlo(40.0, "users");
    }

    private static Aggregate stageAtSlo(double level, String unit) {
        CellStats cell = new CellStats();
        long t0 = 1_000_000_000L;
        for (int i = 0; i < 580; i++) {
            RequestTrace t = new RequestTrace("r" + i, 0, t0, true, 10);
            t.sent(t0);
            t.content(t0 + 50_000_000L, 50);
            t.content(t0 + 60_000_000L, 50);
            t.succeeded(t0 + 70_000_000L);
            cell.record(t);
        }
        return Aggregate.of("probe-6", level, unit, 10, cell);
    }

    @Test
    void theStageIsWhatTheArithmeticBelowAssumes() {
        Aggregate stage = stageAtSlo();
        assertThat(stage.requestsPerSecond()).isEqualTo(58.0);
        assertThat(stage.outputTokensPerSecond()).isEqualTo(5800.0);
    }

    @Test
    void aTargetRateNeedsTheRequestsPerSecondOfOneReplicaLessHeadroom() {
        ReplicaPlan plan = ReplicaPlanner.plan(new PlanSpec(500.0, null, null, null), GPU, stageAtSlo());

        // 58 req/s x (1 - 15%) = 49.3 per replica; 500 / 49.3 = 10.14 -> 11 replicas.
        assertThat(plan.perReplica()).isEqualTo(58.0);
        assertThat(plan.usablePerReplica()).isCloseTo(49.3, within(1e-9));
        assertThat(plan.replicas()).isEqualTo(11);
        // 11 x 1 GPU x 2.50 = 27.50/h; x 730 h = 20,075/month.
        assertThat(plan.costPerHour()).isCloseTo(27.5, within(1e-9));
        assertThat(plan.costPerMonth()).isCloseTo(20_075, within(1e-6));
        // 500 req/s x 100 tokens x 3600 s = 180M output tokens per hour: 27.50 / 180 = 0.152778 per 1M.
        assertThat(plan.costPerMillionOutputTokens()).isCloseTo(0.152778, within(1e-6));
        assertThat(plan.summary()).isEqualTo("needs 11 replicas at SLO (measured 58 req/s per replica, 15% headroom); "
                + "11 × 1 GPU × 2.50/h = 20,075.00/month; 0.1528 per 1M output tokens");
        assertThat(plan.assumptions()).anyMatch(a -> a.startsWith("replicas scale linearly"))
                .anyMatch(a -> a.startsWith("15% of each replica's capacity kept free"));
    }

    @Test
    void theOpenModelPlansFromTheArrivalRateHeldNotItsPoissonNoise() {
        // The stage offered 50 req/s and, by chance, 58 completed in its 10 s: the replica holds 50.
        ReplicaPlan plan = ReplicaPlanner.plan(new PlanSpec(500.0, null, "0%", null), GPU, stageAtSlo(50, "req/s"));

        assertThat(plan.perReplica()).isEqualTo(50.0);
        assertThat(plan.replicas()).isEqualTo(10);
        assertThat(plan.assumptions().get(0)).isEqualTo(
                "one replica carries 50 req/s at SLO, as measured in stage probe-6 (the arrival rate it held)");
    }

    @Test
    void aTargetOfUsersNeedsTheUsersOneReplicaHeld() {
        ReplicaPlan plan = ReplicaPlanner.plan(new PlanSpec(null, 2000, "20%", 2), GPU, stageAtSlo());

        // 40 users x 80% = 32 per replica; 2000 / 32 = 62.5 -> 63 replicas of 2 GPUs: 315/h, 229,950/month.
        assertThat(plan.unit()).isEqualTo("users");
        assertThat(plan.replicas()).isEqualTo(63);
        assertThat(plan.gpusPerReplica()).isEqualTo(2);
        assertThat(plan.costPerHour()).isCloseTo(315, within(1e-9));
        assertThat(plan.costPerMonth()).isCloseTo(229_950, within(1e-6));
        // 5,800 tokens/s over 40 users = 145 per user; 2000 users: 290,000/s, 1,044M per hour: 315 / 1044 per 1M.
        assertThat(plan.costPerMillionOutputTokens()).isCloseTo(315 / 1044.0, within(1e-9));
    }

    @Test
    void aTargetThatIsAnExactMultipleNeedsNoExtraReplica() {
        ReplicaPlan plan = ReplicaPlanner.plan(new PlanSpec(98.6, null, null, null), GPU, stageAtSlo());

        assertThat(plan.replicas()).isEqualTo(2);
    }

    @Test
    void withoutGpuPricingThePlanCountsReplicasOnly() {
        ReplicaPlan plan = ReplicaPlanner.plan(new PlanSpec(500.0, null, "0%", null), null, stageAtSlo());

        assertThat(plan.replicas()).isEqualTo(9);
        assertThat(plan.costPerMonth()).isNull();
        assertThat(plan.summary()).isEqualTo("needs 9 replicas at SLO (measured 58 req/s per replica, 0% headroom)");
    }

    @Test
    void nothingAtSloMeansNoPlan() {
        ReplicaPlan plan = ReplicaPlanner.plan(new PlanSpec(500.0, null, null, null), GPU, null);

        assertThat(plan.replicas()).isNull();
        assertThat(plan.summary()).isEqualTo("cannot plan 500 req/s: no stage met the SLO");
    }
}
