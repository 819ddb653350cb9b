package io.llmload.runner.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.slo.GrowthPattern.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrowthPatternTest {

    private static List<Point> points(double[] levels, double[] values) {
        Point[] p = new Point[levels.length];
        for (int i = 0; i < levels.length; i++) {
            p[i] = new Point(levels[i], values[i]);
        }
        return List.of(p);
    }

    private static final double[] LEVELS = { 8, 16, 32, 64 };

    @Test
    void withinQuarterSpreadIsFlat() {
        assertThat(GrowthPattern.classify(points(LEVELS, new double[] { 400, 420, 450, 500 })))
                .isEqualTo(GrowthPattern.FLAT);
    }

    @Test
    void proportionalToLoadIsLinear() {
        // 100 + 5 ms per user: slope 5 in both halves.
        assertThat(GrowthPattern.classify(points(LEVELS, new double[] { 140, 180, 260, 420 })))
                .isEqualTo(GrowthPattern.LINEAR);
        // Mildly convex (x²: upper slope 1.75× the lower) is still called linear.
        assertThat(GrowthPattern.classify(points(new double[] { 1, 2, 3, 4 }, new double[] { 1, 4, 9, 16 })))
                .isEqualTo(GrowthPattern.LINEAR);
    }

    @Test
    void aKneeOrDoublingIsExponential() {
        // Knee: lower half slope (130-100)/24 = 1.25 ms/user, upper (400-130)/32 = 8.4 ms/user.
        assertThat(GrowthPattern.classify(points(LEVELS, new double[] { 100, 110, 130, 400 })))
                .isEqualTo(GrowthPattern.EXPONENTIAL);
        // Doubling per step: slopes 150 vs 400.
        assertThat(GrowthPattern.classify(points(new double[] { 1, 2, 3, 4 }, new double[] { 100, 200, 400, 800 })))
                .isEqualTo(GrowthPattern.EXPONENTIAL);
        // Flat, then up: the lower half does not rise at all.
        assertThat(GrowthPattern.classify(points(new double[] { 1, 2, 3 }, new double[] { 100, 100, 300 })))
                .isEqualTo(GrowthPattern.EXPONENTIAL);
    }

    @Test
    void ordersByLevelAndNeedsThreeDistinctLevels() {
        // Given out of order (a spike stage before a lower one): sorted it is the linear 140, 180, 260, 420.
        assertThat(GrowthPattern.classify(points(new double[] { 32, 8, 64, 16 }, new double[] { 260, 140, 420, 180 })))
                .isEqualTo(GrowthPattern.LINEAR);
        assertThat(GrowthPattern.classify(points(new double[] { 8, 16 }, new double[] { 100, 900 }))).isNull();
        assertThat(GrowthPattern.classify(points(new double[] { 8, 8, 16 }, new double[] { 100, 120, 900 }))).isNull();
    }
}
