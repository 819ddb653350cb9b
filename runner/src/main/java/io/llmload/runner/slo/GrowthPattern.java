package io.llmload.runner.slo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a latency percentile grows as load rises across stages (seed 002): flat, linear (the system is fair, just
 * slower) or exponential (a bottleneck — KV cache, queue — was hit). Rules, on the stages sorted by level:
 * <ul>
 * <li>flat: the largest value is at most {@value #FLAT_SPREAD}× the smallest;</li>
 * <li>exponential: the slope (ms per unit of level) over the upper half of the levels is more than
 * {@value #CONVEXITY}× the slope over the lower half (or the lower half does not rise and the upper one does);</li>
 * <li>linear: anything else.</li>
 * </ul>
 * It needs at least three distinct levels: two points cannot tell a line from a curve.
 */
public enum GrowthPattern {
    FLAT, LINEAR, EXPONENTIAL;

    static final double FLAT_SPREAD = 1.25;
    static final double CONVEXITY = 2.0;

    /** A stage's level and its latency percentile in ms. */
    public record Point(double level, double value) {
    }

    /** The pattern of the points, or null with fewer than three distinct levels. */
    public static GrowthPattern classify(List<Point> points) {
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(Point::level));
        List<Point> distinct = new ArrayList<>();
        for (Point p : sorted) {
            // A repeated level (e.g. a soak after a ramp) adds no information about growth with load.
            if (distinct.isEmpty() || p.level() > distinct.get(distinct.size() - 1).level()) {
                distinct.add(p);
            }
        }
        if (distinct.size() < 3) {
            return null;
        }
        double min = distinct.stream().mapToDouble(Point::value).min().orElse(0);
        double max = distinct.stream().mapToDouble(Point::value).max().orElse(0);
        if (max <= min * FLAT_SPREAD) {
            return FLAT;
        }
        Point first = distinct.get(0);
        Point mid = distinct.get(distinct.size() / 2);
        Point last = distinct.get(distinct.size() - 1);
        double lower = (mid.value() - first.value()) / (mid.level() - first.level());
        double upper = (last.value() - mid.value()) / (last.level() - mid.level());
        return upper > 0 && upper > CONVEXITY * Math.max(lower, 0) ? EXPONENTIAL : LINEAR;
    }

    public String label() {
        return name().toLowerCase();
    }
}
