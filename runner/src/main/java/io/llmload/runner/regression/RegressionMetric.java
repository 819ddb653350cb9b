package io.llmload.runner.regression;

import io.llmload.runner.compare.Direction;
import io.llmload.runner.compare.Metric;
import io.llmload.runner.compare.RunFigures;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a regression limit can be set on: the judged metrics of {@code llmload compare}'s overall block, plus the
 * capacity level. Names are matched loosely so that the spec's {@code ttftP95}, the CLI's {@code ttft.p95} and
 * compare.json's {@code ttftP95Ms} all work.
 */
public enum RegressionMetric {

    TTFT_P50(Metric.TTFT_P50, "ttftP50"),
    TTFT_P95(Metric.TTFT_P95, "ttftP95"),
    TTFT_P99(Metric.TTFT_P99, "ttftP99"),
    ITL_P95(Metric.ITL_P95, "itlP95"),
    TPOT_P95(Metric.TPOT_P95, "tpotP95"),
    E2E_P95(Metric.E2E_P95, "e2eP95"),
    E2E_P99(Metric.E2E_P99, "e2eP99"),
    REQUESTS_PER_SECOND(Metric.REQUESTS_PER_SECOND, "requestsPerSecond", "rps"),
    OUTPUT_TOKENS_PER_SECOND(Metric.OUTPUT_TOKENS_PER_SECOND, "outputTokensPerSecond", "tps"),
    GOODPUT(Metric.GOODPUT, "goodput"),
    ERROR_RATE(Metric.ERROR_RATE, "errorRate", "errors"),
    COST_PER_MILLION_OUTPUT_TOKENS(Metric.COST_PER_MILLION_OUTPUT_TOKENS, "costPerMillionOutputTokens", "cost"),
    /** The highest stage level at SLO (users or req/s); higher is better. */
    CAPACITY(null, "capacity");

    private final Metric metric;
    private final String name;
    private final List<String> aliases;

    RegressionMetric(Metric metric, String name, String... aliases) {
        this.metric = metric;
        this.name = name;
        this.aliases = List.of(aliases);
    }

    /** The name the spec, the status and the docs use, e.g. {@code ttftP95}. */
    public String metricName() {
        return name;
    }

    public String label() {
        return metric == null ? "capacity" : metric.label();
    }

    /** ms, req/s, tok/s, fraction, cost, or "level" for capacity. */
    public String unit() {
        return metric == null ? "level" : metric.unit();
    }

    public Direction direction() {
        return metric == null ? Direction.HIGHER_IS_BETTER : metric.direction();
    }

    /** Where {@link RunFigures} keeps this metric's value. */
    public String figureKey() {
        return metric == null ? RunFigures.CAPACITY : metric.key();
    }

    /** A latency: absolute limits may be given in ms or s. */
    boolean isLatency() {
        return "ms".equals(unit());
    }

    /** A fraction (the error rate): absolute limits may be given in percentage points. */
    boolean isFraction() {
        return "fraction".equals(unit());
    }

    /** The metric a user wrote, or null: case, dots, dashes, underscores and a trailing "ms" are ignored. */
    public static RegressionMetric byName(String written) {
        String wanted = normalize(written);
        for (RegressionMetric m : values()) {
            if (normalize(m.name).equals(wanted) || normalize(m.figureKey()).equals(wanted)
                    || m.aliases.stream().anyMatch(a -> normalize(a).equals(wanted))) {
                return m;
            }
        }
        return null;
    }

    /** For error messages: every name a limit can use. */
    public static String knownNames() {
        return Arrays.stream(values()).map(m -> m.aliases.isEmpty() ? m.name
                : m.name + " (" + String.join(", ", m.aliases) + ")").collect(Collectors.joining(", "));
    }

    private static String normalize(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace(".", "").replace("_", "").replace("-", "");
        return n.endsWith("ms") && n.length() > 2 && Character.isDigit(n.charAt(n.length() - 3)) ? n.substring(0,
                n.length() - 2) : n;
    }
}
