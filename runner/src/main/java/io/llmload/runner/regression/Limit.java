package io.llmload.runner.regression;

import java.util.Locale;

/**
 * One regression limit: how far {@link #metric} may move from the baseline before the run counts as regressed. The
 * change is observed − baseline, in {@link #unit}: percent of the baseline, the metric's own unit (ms, req/s, ...),
 * percentage points of a fraction, or steps of the test's stage levels (capacity).
 *
 * @param threshold signed: a rise is positive, a fall negative; always in the metric's bad direction
 */
public record Limit(RegressionMetric metric, Operator operator, double threshold, Unit unit) {

    /** How the change is compared with the threshold. */
    public enum Operator {
        GREATER(">"), AT_LEAST(">="), LESS("<"), AT_MOST("<=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean holds(double change, double threshold) {
            switch (this) {
                case GREATER:
                    return change > threshold;
                case AT_LEAST:
                    return change >= threshold;
                case LESS:
                    return change < threshold;
                default:
                    return change <= threshold;
            }
        }

        boolean upward() {
            return this == GREATER || this == AT_LEAST;
        }

        /**
         * Without an operator, reaching the limit is a regression ({@code -1 level}: one level lower is one too
         * many) — except for a zero limit, which means "any worsening" ({@code +0%}: any rise).
         */
        static Operator implied(boolean upward, double threshold) {
            if (threshold == 0) {
                return upward ? GREATER : LESS;
            }
            return upward ? AT_LEAST : AT_MOST;
        }
    }

    /** What the threshold counts. */
    public enum Unit {
        /** Percent of the baseline value. */
        PERCENT,
        /** The metric's own unit: ms for latencies, req/s, tok/s, a fraction, a price, users or req/s. */
        ABSOLUTE,
        /** Percentage points of a fraction (the error rate): 0.5pp is 0.005. */
        POINTS,
        /** Steps on the test's ladder of stage levels (capacity only). */
        LEVELS
    }

    /** Whether a change (observed − baseline, in this limit's unit) crosses the limit. */
    public boolean crossedBy(double change) {
        return operator.holds(change, threshold);
    }

    /** The limit as people write it: {@code +10%}, {@code >+10%}, {@code -1 level}, {@code +50ms}, {@code +0.5pp}. */
    public String text() {
        boolean implied = operator == Operator.implied(operator.upward(), threshold);
        return (implied ? "" : operator.symbol()) + signed(threshold, unit, metric);
    }

    /** A change in a limit's unit as text, e.g. {@code +12.5%} or {@code -1 level}. */
    static String signed(double value, Unit unit, RegressionMetric metric) {
        String sign = value > 0 || value == 0 && unit != Unit.LEVELS ? "+" : value == 0 ? "" : "-";
        String number = number(Math.abs(value));
        switch (unit) {
            case PERCENT:
                return sign + number + "%";
            case POINTS:
                return sign + number + "pp";
            case LEVELS:
                return (value == 0 ? "0" : sign + number) + (Math.abs(value) == 1 ? " level" : " levels");
            default:
                return sign + number + (metric.isLatency() ? "ms" : "");
        }
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, Math.abs(v) >= 1 ? "%.1f" : "%.3f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
