package io.llmload.runner.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.capacity.Bisection.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

/** Known answers: the search's decisions against fake judges whose capacity is known exactly. */
class BisectionTest {

    /** Runs the search to its end; the judge says whether a level holds. Bounded by the probe budget. */
    private static List<Bisection.Step> run(Bisection search, DoublePredicate judge) {
        List<Bisection.Step> steps = new ArrayList<>();
        for (int guard = 0; guard < 200; guard++) {
            Bisection.Step step = search.next().orElse(null);
            if (step == null) {
                return steps;
            }
            steps.add(step);
            search.record(judge.test(step.level()));
        }
        throw new AssertionError("the search did not end within 200 probes: " + steps);
    }

    private static List<Double> levels(List<Bisection.Step> steps) {
        return steps.stream().map(Bisection.Step::level).toList();
    }

    @Test
    void closedModelGrowsUntilAFailureThenBisectsToOneUser() {
        Bisection search = new Bisection(8, 2, 0.05, null, true, 20, 0);

        List<Bisection.Step> steps = run(search, level -> level <= 26);

        assertThat(levels(steps)).containsExactly(8.0, 16.0, 32.0, 24.0, 28.0, 26.0, 27.0);
        assertThat(steps.stream().map(Bisection.Step::phase)).containsExactly(Phase.GROW, Phase.GROW, Phase.GROW,
                Phase.BISECT, Phase.BISECT, Phase.BISECT, Phase.BISECT);
        assertThat(search.held()).isEqualTo(26.0);
        assertThat(search.failed()).isEqualTo(27.0);
        assertThat(search.converged()).isTrue();
        assertThat(search.stopReason()).isEqualTo("bracket within 5%");
    }

    @Test
    void openModelStopsWhenTheBracketIsWithinThePrecision() {
        Bisection search = new Bisection(10, 2, 0.05, null, false, 20, 0);

        List<Bisection.Step> steps = run(search, level -> level <= 57.3);

        // 55 held, 57.5 failed: 2.5 apart is within 5% of 55 (2.75), so no probe at 56.25.
        assertThat(levels(steps)).containsExactly(10.0, 20.0, 40.0, 80.0, 60.0, 50.0, 55.0, 57.5);
        assertThat(search.held()).isEqualTo(55.0);
        assertThat(search.failed()).isEqualTo(57.5);
        assertThat((search.failed() - search.held()) / search.held()).isLessThanOrEqualTo(0.05);
    }

    @Test
    void aFailingStartShrinksUntilALevelHoldsThenBisects() {
        Bisection search = new Bisection(16, 2, 0.05, null, true, 20, 0);

        List<Bisection.Step> steps = run(search, level -> level <= 5);

        assertThat(levels(steps)).containsExactly(16.0, 8.0, 4.0, 6.0, 5.0);
        assertThat(steps.get(1).phase()).isEqualTo(Phase.SHRINK);
        assertThat(steps.get(2).phase()).isEqualTo(Phase.SHRINK);
        assertThat(steps.get(3).phase()).isEqualTo(Phase.BISECT);
        assertThat(search.held()).isEqualTo(5.0);
        assertThat(search.failed()).isEqualTo(6.0);
    }

    @Test
    void nothingHoldingEndsAtOneUser() {
        Bisection search = new Bisection(4, 2, 0.05, null, true, 20, 0);

        assertThat(levels(run(search, level -> false))).containsExactly(4.0, 2.0, 1.0);
        assertThat(search.held()).isNull();
        assertThat(search.stopReason()).isEqualTo("failed at 1 user: nothing held");
    }

    @Test
    void theBudgetEndsASearchThatNeverFailed() {
        Bisection search = new Bisection(8, 2, 0.05, null, true, 4, 0);

        assertThat(levels(run(search, level -> true))).containsExactly(8.0, 16.0, 32.0, 64.0);
        assertThat(search.failed()).isNull();
        assertThat(search.converged()).isFalse();
        assertThat(search.stopReason()).isEqualTo("probe budget used (4 probes)");
    }

    @Test
    void theHighestLevelToProbeCapsTheGrowth() {
        Bisection search = new Bisection(8, 2, 0.05, 50.0, true, 20, 0);

        assertThat(levels(run(search, level -> true))).containsExactly(8.0, 16.0, 32.0, 50.0);
        assertThat(search.stopReason()).isEqualTo("held up to the highest level to probe (50)");
    }

    @Test
    void repeatsProbeTheEdgeAgainAndCountHowOftenItHeld() {
        Bisection search = new Bisection(8, 2, 0.05, null, true, 20, 2);
        int[] probesAt26 = {0};
        // 26 holds the first two times and fails the third: a noisy edge.
        List<Bisection.Step> steps = run(search, level -> level < 26 || level == 26 && ++probesAt26[0] <= 2);

        assertThat(levels(steps)).containsExactly(8.0, 16.0, 32.0, 24.0, 28.0, 26.0, 27.0, 26.0, 26.0);
        assertThat(steps.subList(7, 9)).allMatch(s -> s.phase() == Phase.REPEAT);
        assertThat(search.repeatsRun()).isEqualTo(2);
        assertThat(search.repeatsHeld()).isEqualTo(1);
        assertThat(search.held()).isEqualTo(26.0);
    }

    @Test
    void repeatsAreReservedInTheBudget() {
        Bisection search = new Bisection(8, 2, 0.05, null, true, 5, 2);

        List<Bisection.Step> steps = run(search, level -> level <= 26);

        assertThat(levels(steps)).containsExactly(8.0, 16.0, 32.0, 16.0, 16.0);
        assertThat(search.stopReason()).isEqualTo("probe budget used (5 probes)");
    }

    @Test
    void fewerProbesThanAStepPlanOfTheSamePrecision() {
        // A step plan from 8 with steps of 5% of the answer (1.3 users: at least 1) reaches the first failure at 27
        // after 20 stages; the search needs 7 probes for the same bracket.
        Bisection search = new Bisection(8, 2, 0.05, null, true, 20, 0);
        int searchProbes = run(search, level -> level <= 26).size();
        int stepStages = (int) Math.ceil((27 - 8) / Math.max(1, Math.floor(0.05 * 26))) + 1;

        assertThat(searchProbes).isEqualTo(7);
        assertThat(stepStages).isEqualTo(20);
    }
}
