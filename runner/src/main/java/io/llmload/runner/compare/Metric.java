package io.llmload.runner.compare;

import io.llmload.runner.report.Aggregate;
import io.llmload.runner.report.Percentiles;
import java.util.function.Function;

/**
 * The metrics {@code llmload compare} puts side by side, in display order, with how to read them from a scope. The
 * regression limits ({@code io.llmload.runner.regression}) are set on the judged ones, so a gate and the comparison
 * table read the same numbers.
 */
public enum Metric {

    LEVEL("level", "level", "level", Direction.NEUTRAL, Aggregate::level),
    REQUESTS("requests", "requests", "count", Direction.NEUTRAL, a -> (double) a.requests()),
    REQUESTS_PER_SECOND("requestsPerSecond", "req/s", "req/s", Direction.HIGHER_IS_BETTER,
            Aggregate::requestsPerSecond),
    OUTPUT_TOKENS_PER_SECOND("outputTokensPerSecond", "output tok/s", "tok/s", Direction.HIGHER_IS_BETTER,
            Aggregate::outputTokensPerSecond),
    GOODPUT("goodput", "goodput", "req/s", Direction.HIGHER_IS_BETTER, Aggregate::goodput),
    TTFT_P50("ttftP50Ms", "TTFT p50", "ms", Direction.LOWER_IS_BETTER, a -> at(a.ttftMs(), "p50")),
    TTFT_P95("ttftP95Ms", "TTFT p95", "ms", Direction.LOWER_IS_BETTER, a -> at(a.ttftMs(), "p95")),
    TTFT_P99("ttftP99Ms", "TTFT p99", "ms", Direction.LOWER_IS_BETTER, a -> at(a.ttftMs(), "p99")),
    ITL_P95("itlP95Ms", "ITL p95", "ms", Direction.LOWER_IS_BETTER, a -> at(a.itlMs(), "p95")),
    TPOT_P95("tpotP95Ms", "TPOT p95", "ms", Direction.LOWER_IS_BETTER, a -> at(a.tpotMs(), "p95")),
    E2E_P95("e2eP95Ms", "E2E p95", "ms", Direction.LOWER_IS_BETTER, a -> at(a.e2eMs(), "p95")),
    E2E_P99("e2eP99Ms", "E2E p99", "ms", Direction.LOWER_IS_BETTER, a -> at(a.e2eMs(), "p99")),
    ERROR_RATE("errorRate", "error rate", "fraction", Direction.LOWER_IS_BETTER, Aggregate::errorRate),
    /** Read from the report's {@code cost} section, not from the scope itself. */
    COST_PER_MILLION_OUTPUT_TOKENS("costPerMillionOutputTokens", "cost / 1M out tok", "cost",
            Direction.LOWER_IS_BETTER, a -> null),
    /**
     * Read from the report's {@code server} section. Not judged: a higher rate saves the server work, but it
     * reflects the workload (shared prefixes) as much as the server.
     */
    PREFIX_CACHE_HIT_RATE("prefixCacheHitRate", "prefix cache hits", "fraction", Direction.NEUTRAL, a -> null);

    private final String key;
    private final String label;
    private final String unit;
    private final Direction direction;
    private final Function<Aggregate, Double> read;

    Metric(String key, String label, String unit, Direction direction, Function<Aggregate, Double> read) {
        this.key = key;
        this.label = label;
        this.unit = unit;
        this.direction = direction;
        this.read = read;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public Direction direction() {
        return direction;
    }

    public Double read(Aggregate scope) {
        return scope == null ? null : read.apply(scope);
    }

    private static Double at(Percentiles p, String percentile) {
        return p == null ? null : p.at(percentile);
    }
}
