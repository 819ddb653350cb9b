package io.llmload.runner.regression;

import io.llmload.runner.compare.Direction;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads regression limits, in one syntax for {@code spec.regression.limits} ({@code ttftP95: +10%}) and the CLI's
 * {@code --fail-on 'ttft.p95>+10%,rps<-5%'}: a metric name, an optional operator ({@code > >= < <=}) and a change —
 * a signed number with a unit: {@code %} of the baseline, {@code ms} or {@code s} (latencies), {@code pp}
 * (percentage points, the error rate), {@code level}/{@code levels} (capacity), or none (the metric's own unit). The
 * sign may be left out: it is then the metric's bad direction (up for latency, errors and cost; down for
 * throughput and capacity). A limit pointing the good way (it would flag an improvement) is refused.
 */
public final class LimitParser {

    private static final Pattern ITEM = Pattern.compile("([A-Za-z][A-Za-z0-9._]*)\\s*:?\\s*(.*)", Pattern.DOTALL);
    private static final Pattern CHANGE = Pattern.compile(
            "(>=|<=|>|<)?\\s*([+-])?\\s*(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(%|ms|s|pp|levels?)?", Pattern.CASE_INSENSITIVE);

    private LimitParser() {
    }

    /** The CLI form: limits separated by commas, e.g. {@code ttft.p95>+10%,rps<-5%}. */
    public static List<Limit> parseList(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new InvalidLimitException("no limit given: write e.g. 'ttft.p95>+10%,rps<-5%'");
        }
        List<Limit> limits = new ArrayList<>();
        Set<RegressionMetric> seen = EnumSet.noneOf(RegressionMetric.class);
        for (String raw : expression.split(",", -1)) {
            String item = raw.strip();
            if (item.isEmpty()) {
                throw new InvalidLimitException("empty limit in '" + expression + "' (a comma too many?)");
            }
            Matcher m = ITEM.matcher(item);
            if (!m.matches()) {
                throw new InvalidLimitException("'" + item + "': write METRIC OPERATOR CHANGE, e.g. ttft.p95>+10%");
            }
            Limit limit;
            try {
                limit = parse(m.group(1), m.group(2));
            } catch (InvalidLimitException e) {
                throw new InvalidLimitException("'" + item + "': " + e.getMessage());
            }
            if (!seen.add(limit.metric())) {
                throw new InvalidLimitException("'" + item + "': " + limit.metric().metricName()
                        + " is limited twice (keep one limit per metric)");
            }
            limits.add(limit);
        }
        return limits;
    }

    /** The spec form: a metric name and its limit, e.g. {@code ttftP95} and {@code +10%} (or {@code >+10%}). */
    public static Limit parse(String metricName, String limit) {
        RegressionMetric metric = RegressionMetric.byName(metricName == null ? "" : metricName.strip());
        if (metric == null) {
            throw new InvalidLimitException("unknown metric '" + metricName + "' (known: "
                    + RegressionMetric.knownNames() + ")");
        }
        String text = limit == null ? "" : limit.strip();
        Matcher m = CHANGE.matcher(text);
        if (!m.matches()) {
            throw new InvalidLimitException("'" + text + "' is not a change: write e.g. +10%, -5%, +50ms, +0.5pp or "
                    + "-1 level");
        }
        Limit.Operator operator = operator(m.group(1));
        String sign = m.group(2);
        double value = Double.parseDouble(m.group(3));
        String unitText = m.group(4) == null ? "" : m.group(4).toLowerCase(Locale.ROOT);

        boolean worseIsUp = metric.direction() == Direction.LOWER_IS_BETTER;
        if (operator != null && sign != null && value != 0 && operator.upward() != sign.equals("+")) {
            throw new InvalidLimitException("'" + text + "': the operator and the sign point different ways");
        }
        boolean up = sign != null ? sign.equals("+") : operator != null ? operator.upward() : worseIsUp;
        if (up != worseIsUp) {
            throw new InvalidLimitException(metric.metricName() + " regresses when it " + (worseIsUp ? "rises" : "falls")
                    + ": write " + (worseIsUp ? "+" : "-") + m.group(3) + unitText + " (a " + (up ? "rise" : "fall")
                    + " is an improvement)");
        }
        Limit.Unit unit = unit(metric, unitText, value);
        double magnitude = "s".equals(unitText) ? value * 1000 : value;
        double threshold = up ? magnitude : -magnitude;
        if (threshold == 0) {
            threshold = 0; // no -0.0
        }
        return new Limit(metric, operator != null ? operator : Limit.Operator.implied(up, threshold), threshold, unit);
    }

    private static Limit.Operator operator(String symbol) {
        if (symbol == null) {
            return null;
        }
        for (Limit.Operator op : Limit.Operator.values()) {
            if (op.symbol().equals(symbol)) {
                return op;
            }
        }
        throw new IllegalStateException(symbol);
    }

    private static Limit.Unit unit(RegressionMetric metric, String unitText, double value) {
        switch (unitText) {
            case "%":
                return Limit.Unit.PERCENT;
            case "ms":
            case "s":
                if (!metric.isLatency()) {
                    throw new InvalidLimitException("'" + unitText + "' applies to latencies only: limit "
                            + metric.metricName() + " in % or " + ownUnit(metric));
                }
                return Limit.Unit.ABSOLUTE;
            case "pp":
                if (!metric.isFraction()) {
                    throw new InvalidLimitException("'pp' (percentage points) applies to errorRate only: limit "
                            + metric.metricName() + " in % or " + ownUnit(metric));
                }
                return Limit.Unit.POINTS;
            case "level":
            case "levels":
                if (metric != RegressionMetric.CAPACITY) {
                    throw new InvalidLimitException("'" + unitText + "' applies to capacity only: limit "
                            + metric.metricName() + " in % or " + ownUnit(metric));
                }
                if (value != Math.rint(value)) {
                    throw new InvalidLimitException("a capacity change counts whole stage levels, e.g. -1 level");
                }
                return Limit.Unit.LEVELS;
            default:
                return Limit.Unit.ABSOLUTE;
        }
    }

    private static String ownUnit(RegressionMetric metric) {
        switch (metric.unit()) {
            case "ms":
                return "ms";
            case "fraction":
                return "pp";
            case "cost":
                return "as a price";
            case "level":
                return "levels";
            default:
                return "as a number in " + metric.unit();
        }
    }
}
