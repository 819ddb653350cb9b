package io.llmload.runner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmload.runner.spec.LoadSpec;
import io.llmload.runner.spec.ShapeSpec;
import io.llmload.runner.spec.StageSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanResolverTest {

    private static final long S = 1_000_000_000L;

    private static LoadSpec closed(String warmup, StageSpec... stages) {
        return new LoadSpec("closed", null, warmup, null, null, List.of(stages), null);
    }

    private static LoadSpec shape(String model, ShapeSpec shape) {
        return new LoadSpec(model, null, null, null, null, null, shape);
    }

    private static StageSpec users(String name, String duration, int users) {
        return new StageSpec(name, duration, users, null, null);
    }

    private static ShapeSpec step(double from, double step, double to, String every) {
        return new ShapeSpec("step", from, to, step, every, null, null, null, null);
    }

    private static List<Double> levels(LoadPlan plan) {
        return plan.stages().stream().map(PlannedStage::toLevel).toList();
    }

    @Test
    void stagesRunBackToBackWithTheirOwnLevels() {
        LoadPlan plan = PlanResolver.resolve(closed(null, users("light", "15s", 4), users("medium", "30s", 16),
                users("heavy", "1m", 32)), 1.0);
        assertThat(plan.model()).isEqualTo(LoadModel.CLOSED);
        assertThat(plan.stages()).containsExactly(
                new PlannedStage(0, "light", 0, 15 * S, 4, 4, false),
                new PlannedStage(1, "medium", 15 * S, 30 * S, 16, 16, false),
                new PlannedStage(2, "heavy", 45 * S, 60 * S, 32, 32, false));
        assertThat(plan.totalNanos()).isEqualTo(105 * S);
        assertThat(plan.peakLevel()).isEqualTo(32);
        assertThat(plan.measuredStages()).hasSize(3);
    }

    @Test
    void unnamedStagesAreNumberedFromOne() {
        LoadPlan plan = PlanResolver.resolve(closed(null, users(null, "1s", 1), users("x", "1s", 2),
                users(null, "1s", 3)), 1.0);
        assertThat(plan.stages()).extracting(PlannedStage::name).containsExactly("stage-1", "x", "stage-3");
    }

    @Test
    void warmupComesFirstAtTheFirstStagesLevelAndShiftsTheStages() {
        LoadPlan plan = PlanResolver.resolve(closed("5s", users("light", "15s", 4), users("heavy", "15s", 32)), 1.0);
        assertThat(plan.stages()).containsExactly(
                new PlannedStage(0, "warmup", 0, 5 * S, 4, 4, true),
                new PlannedStage(1, "light", 5 * S, 15 * S, 4, 4, false),
                new PlannedStage(2, "heavy", 20 * S, 15 * S, 32, 32, false));
        assertThat(plan.measuredStages()).extracting(PlannedStage::name).containsExactly("light", "heavy");
        assertThat(plan.totalNanos()).isEqualTo(35 * S);
    }

    @Test
    void warmupBeforeARampFromZeroRunsAtTheRampsEndLevel() {
        LoadPlan plan = PlanResolver.resolve(closed("10s", new StageSpec("up", "20s", 10, null, true)), 1.0);
        PlannedStage warmup = plan.stages().get(0);
        assertThat(warmup.warmup()).isTrue();
        assertThat(warmup.fromLevel()).isEqualTo(10);
        assertThat(warmup.toLevel()).isEqualTo(10);
        assertThat(plan.stages().get(1)).isEqualTo(new PlannedStage(1, "up", 10 * S, 20 * S, 0, 10, false));
    }

    @Test
    void aRampStageGoesFromThePreviousLevelAndInterpolatesLinearly() {
        LoadPlan plan = PlanResolver.resolve(closed(null, users("base", "10s", 4),
                new StageSpec("ramp", "20s", 24, null, true)), 1.0);
        PlannedStage ramp = plan.stages().get(1);
        assertThat(ramp.fromLevel()).isEqualTo(4);
        assertThat(ramp.toLevel()).isEqualTo(24);
        assertThat(ramp.level()).isEqualTo(24);
        assertThat(ramp.levelAt(10 * S)).isEqualTo(4);
        assertThat(ramp.levelAt(15 * S)).isCloseTo(9, within(1e-9));
        assertThat(ramp.levelAt(20 * S)).isCloseTo(14, within(1e-9));
        assertThat(ramp.levelAt(30 * S)).isEqualTo(24);
        // clamped outside the stage
        assertThat(ramp.levelAt(0)).isEqualTo(4);
        assertThat(ramp.levelAt(99 * S)).isEqualTo(24);
        // and through the plan
        assertThat(plan.levelAt(5 * S)).isEqualTo(4);
        assertThat(plan.levelAt(20 * S)).isCloseTo(14, within(1e-9));
    }

    @Test
    void theFirstRampStageStartsFromZero() {
        LoadPlan plan = PlanResolver.resolve(closed(null, new StageSpec("up", "10s", 8, null, true)), 1.0);
        assertThat(plan.stages().get(0).fromLevel()).isZero();
        assertThat(plan.levelAt(5 * S)).isCloseTo(4, within(1e-9));
    }

    @Test
    void durationScaleHalvesEveryDurationIncludingWarmup() {
        LoadPlan plan = PlanResolver.resolve(closed("10s", users("a", "30s", 2), users("b", "1m", 4)), 0.5);
        assertThat(plan.stages()).extracting(PlannedStage::durationNanos).containsExactly(5 * S, 15 * S, 30 * S);
        assertThat(plan.stages()).extracting(PlannedStage::startNanos).containsExactly(0L, 5 * S, 20 * S);
        assertThat(plan.totalNanos()).isEqualTo(50 * S);
    }

    @Test
    void aTinyDurationScaleKeepsEveryStageAtLeastOneMillisecond() {
        LoadPlan plan = PlanResolver.resolve(closed(null, users("a", "1s", 2), users("b", "1s", 2)), 1e-9);
        assertThat(plan.stages()).extracting(PlannedStage::durationNanos).containsExactly(1_000_000L, 1_000_000L);
        assertThat(plan.stages().get(1).startNanos()).isEqualTo(1_000_000L);
    }

    @Test
    void modelArrivalThinkTimeAndGracefulStopAreResolved() {
        LoadPlan open = PlanResolver.resolve(new LoadSpec("open", "constant", null, null, "5s",
                List.of(new StageSpec(null, "10s", null, 2.5, null)), null), 1.0);
        assertThat(open.model()).isEqualTo(LoadModel.OPEN);
        assertThat(open.arrival()).isEqualTo(ArrivalProcess.CONSTANT);
        assertThat(open.gracefulStop()).isEqualTo(Duration.ofSeconds(5));
        assertThat(open.stages().get(0).toLevel()).isEqualTo(2.5);

        LoadPlan defaults = PlanResolver.resolve(new LoadSpec(null, null, null, "1s", null,
                List.of(users(null, "10s", 2)), null), 1.0);
        assertThat(defaults.model()).isEqualTo(LoadModel.CLOSED);
        assertThat(defaults.arrival()).isEqualTo(ArrivalProcess.POISSON);
        assertThat(defaults.thinkTime()).isEqualTo(Duration.ofSeconds(1));
        assertThat(LoadModel.CLOSED.levelUnit()).isEqualTo("users");
        assertThat(LoadModel.OPEN.levelUnit()).isEqualTo("req/s");
    }

    @Test
    void theGracefulStopDefaultsToTheRequestTimeoutSoNoRequestIsCutOnlyBecauseTheTestEnded() {
        LoadSpec load = new LoadSpec(null, null, null, null, null, List.of(users(null, "10s", 2)), null);
        assertThat(PlanResolver.resolve(load, 1.0).gracefulStop()).isEqualTo(Duration.ofSeconds(120));
        assertThat(PlanResolver.resolve(load, Duration.ofSeconds(45), 1.0).gracefulStop())
                .isEqualTo(Duration.ofSeconds(45));
        // Not scaled by --duration-scale: it is about requests, not about the plan's timeline.
        assertThat(PlanResolver.resolve(load, Duration.ofSeconds(45), 0.1).gracefulStop())
                .isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void stepShapeExpandsToEvenSteps() {
        LoadPlan plan = PlanResolver.resolve(shape("closed", step(8, 8, 32, "10s")), 1.0);
        assertThat(levels(plan)).containsExactly(8.0, 16.0, 24.0, 32.0);
        assertThat(plan.stages()).extracting(PlannedStage::name).containsExactly("step-1", "step-2", "step-3",
                "step-4");
        assertThat(plan.stages()).extracting(PlannedStage::startNanos).containsExactly(0L, 10 * S, 20 * S, 30 * S);
        assertThat(plan.stages()).allSatisfy(s -> {
            assertThat(s.fromLevel()).isEqualTo(s.toLevel());
            assertThat(s.durationNanos()).isEqualTo(10 * S);
        });
    }

    @Test
    void aStepThatWouldOvershootLandsExactlyOnTo() {
        LoadPlan plan = PlanResolver.resolve(shape("closed", step(8, 10, 32, "1m")), 1.0);
        assertThat(levels(plan)).containsExactly(8.0, 18.0, 28.0, 32.0);
    }

    @Test
    void fractionalStepsDoNotAddAStageForRoundingError() {
        // 0.1 added ten times is 0.9999999999999999, which must count as reaching 1.
        LoadPlan plan = PlanResolver.resolve(shape("open", step(0, 0.1, 1, "1s")), 1.0);
        assertThat(plan.stages()).hasSize(11);
        assertThat(plan.stages().get(10).toLevel()).isEqualTo(1.0);
    }

    @Test
    void aStepFromEqualToToIsOneStage() {
        LoadPlan plan = PlanResolver.resolve(shape("closed", step(16, 4, 16, "30s")), 1.0);
        assertThat(levels(plan)).containsExactly(16.0);
    }

    @Test
    void aStepShapeIsCappedAtMaxSteps() {
        LoadPlan plan = PlanResolver.resolve(shape("open", step(0, 0.001, 1000, "1s")), 1.0);
        assertThat(plan.stages()).hasSize(LoadShape.MAX_STAGES);
        assertThat(plan.stages().get(plan.stages().size() - 1).toLevel()).isEqualTo(1000.0);
    }

    @Test
    void rampShapeIsOneLinearStage() {
        LoadPlan plan = PlanResolver.resolve(
                shape("open", new ShapeSpec("ramp", 2.0, 20.0, null, null, null, null, "1m", null)), 1.0);
        assertThat(plan.stages()).containsExactly(new PlannedStage(0, "ramp", 0, 60 * S, 2, 20, false));
        assertThat(plan.levelAt(30 * S)).isCloseTo(11, within(1e-9));
    }

    @Test
    void spikeShapeIsBeforeSpikeAfter() {
        LoadPlan plan = PlanResolver.resolve(
                shape("closed", new ShapeSpec("spike", 4.0, null, null, null, 64.0, null, "30s", "10s")), 1.0);
        assertThat(plan.stages()).containsExactly(
                new PlannedStage(0, "before", 0, 30 * S, 4, 4, false),
                new PlannedStage(1, "spike", 30 * S, 10 * S, 64, 64, false),
                new PlannedStage(2, "after", 40 * S, 30 * S, 4, 4, false));
    }

    @Test
    void soakShapeIsOneFlatStage() {
        LoadPlan plan = PlanResolver.resolve(
                shape("closed", new ShapeSpec("soak", null, null, null, null, null, 16.0, "1h", null)), 1.0);
        assertThat(plan.stages()).containsExactly(new PlannedStage(0, "soak", 0, 3600 * S, 16, 16, false));
    }

    @Test
    void aShapeGetsAWarmupToo() {
        LoadPlan plan = PlanResolver.resolve(new LoadSpec("closed", null, "5s", null, null, null,
                new ShapeSpec("ramp", 0.0, 20.0, null, null, null, null, "1m", null)), 1.0);
        assertThat(plan.stages().get(0)).isEqualTo(new PlannedStage(0, "warmup", 0, 5 * S, 20, 20, true));
        assertThat(plan.stages().get(1).startNanos()).isEqualTo(5 * S);
    }

    @Test
    void stageAtFindsTheStageRunningAtAnOffsetAndThePastBelongsToTheLastStage() {
        LoadPlan plan = PlanResolver.resolve(closed("5s", users("a", "10s", 1), users("b", "10s", 2)), 1.0);
        assertThat(plan.stageAt(0).name()).isEqualTo("warmup");
        assertThat(plan.stageAt(5 * S - 1).name()).isEqualTo("warmup");
        assertThat(plan.stageAt(5 * S).name()).isEqualTo("a");
        assertThat(plan.stageAt(15 * S - 1).name()).isEqualTo("a");
        assertThat(plan.stageAt(15 * S).name()).isEqualTo("b");
        assertThat(plan.stageAt(25 * S).name()).isEqualTo("b");
        assertThat(plan.stageAt(1_000 * S).name()).isEqualTo("b");
        assertThat(plan.levelAt(1_000 * S)).isEqualTo(2);
    }

    @Test
    void stageIndexesArePositionsInThePlan() {
        LoadPlan plan = PlanResolver.resolve(closed("5s", users("a", "10s", 1), users("b", "10s", 2)), 1.0);
        for (int i = 0; i < plan.stages().size(); i++) {
            assertThat(plan.stages().get(i).index()).isEqualTo(i);
        }
    }

    @Test
    void durationSecondsConvertsNanos() {
        assertThat(new PlannedStage(0, "x", 0, 1_500_000_000L, 1, 1, false).durationSeconds()).isEqualTo(1.5);
    }
}
