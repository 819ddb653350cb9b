package io.llmload.runner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RunnerShareTest {

    @Test
    void usersAreDealtRoundRobin() {
        assertThat(new RunnerShare(0, 3).users(10)).isEqualTo(4);
        assertThat(new RunnerShare(1, 3).users(10)).isEqualTo(3);
        assertThat(new RunnerShare(2, 3).users(10)).isEqualTo(3);
        assertThat(new RunnerShare(0, 4).users(2)).isEqualTo(1);
        assertThat(new RunnerShare(1, 4).users(2)).isEqualTo(1);
        assertThat(new RunnerShare(2, 4).users(2)).isZero();
        assertThat(new RunnerShare(3, 4).users(2)).isZero();
    }

    @Test
    void sharesAlwaysSumToTheTotalAndDifferByAtMostOne() {
        for (int count = 1; count <= 8; count++) {
            for (int total = 0; total <= 50; total++) {
                int sum = 0;
                int min = Integer.MAX_VALUE;
                int max = Integer.MIN_VALUE;
                for (int index = 0; index < count; index++) {
                    int users = new RunnerShare(index, count).users(total);
                    // user j belongs to runner j mod count
                    int expected = 0;
                    for (int j = 0; j < total; j++) {
                        if (j % count == index) {
                            expected++;
                        }
                    }
                    assertThat(users).as("runner %d of %d, %d users", index, count, total).isEqualTo(expected);
                    sum += users;
                    min = Math.min(min, users);
                    max = Math.max(max, users);
                }
                assertThat(sum).as("%d runners, %d users", count, total).isEqualTo(total);
                assertThat(max - min).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void theSoleRunnerHasEverything() {
        assertThat(RunnerShare.SOLE.users(17)).isEqualTo(17);
        assertThat(RunnerShare.SOLE.rate(12.5)).isEqualTo(12.5);
    }

    @Test
    void rateIsSplitEvenly() {
        assertThat(new RunnerShare(0, 4).rate(10)).isEqualTo(2.5);
        assertThat(new RunnerShare(3, 4).rate(10)).isEqualTo(2.5);
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            sum += new RunnerShare(i, 3).rate(10);
        }
        assertThat(sum).isCloseTo(10, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void anIndexOutsideTheRunnersIsRejected() {
        assertThatThrownBy(() -> new RunnerShare(3, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("runner index 3 out of range for 3 runners");
        assertThatThrownBy(() -> new RunnerShare(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunnerShare(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
