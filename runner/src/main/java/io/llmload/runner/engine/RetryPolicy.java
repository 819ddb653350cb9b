package io.llmload.runner.engine;

import io.llmload.runner.metrics.ErrorClass;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.spec.Durations;
import io.llmload.runner.spec.RetrySpec;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The resolved {@code spec.workload.retry}: which failures are retried, how often, and how long to wait. The wait
 * before retry n is exponential backoff with full jitter — uniform in [0, min(maxBackoff, initialBackoff × 2^(n−1))]
 * — and, when the server sent Retry-After and it is honoured, at least that long. The jitter depends only on
 * (seed, request ordinal, retry number), so a run's waits are reproducible whatever the interleaving of requests.
 */
public final class RetryPolicy {

    /** No retries. */
    public static final RetryPolicy OFF = new RetryPolicy(0, Duration.ZERO, Duration.ZERO, false,
            EnumSet.noneOf(ErrorClass.class), 0);

    private final int maxRetries;
    private final long initialNanos;
    private final long maxNanos;
    private final boolean honorRetryAfter;
    private final Set<ErrorClass> on;
    private final long seed;

    RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, boolean honorRetryAfter,
            Set<ErrorClass> on, long seed) {
        this.maxRetries = maxRetries;
        this.initialNanos = initialBackoff.toNanos();
        this.maxNanos = maxBackoff.toNanos();
        this.honorRetryAfter = honorRetryAfter;
        this.on = on.isEmpty() ? EnumSet.noneOf(ErrorClass.class) : EnumSet.copyOf(on);
        this.seed = seed;
    }

    /** From a validated spec (null: off). */
    public static RetryPolicy from(RetrySpec spec, long seed) {
        if (spec == null || spec.maxRetries() == null || spec.maxRetries() <= 0) {
            return OFF;
        }
        List<String> classes = spec.errors() == null ? RetrySpec.DEFAULT_ERRORS : spec.errors();
        EnumSet<ErrorClass> on = EnumSet.noneOf(ErrorClass.class);
        for (ErrorClass c : ErrorClass.values()) {
            if (classes.contains(c.key())) {
                on.add(c);
            }
        }
        return new RetryPolicy(spec.maxRetries(),
                Durations.parseOr(spec.initialBackoff(), Durations.parse(RetrySpec.DEFAULT_INITIAL_BACKOFF).get()),
                Durations.parseOr(spec.maxBackoff(), Durations.parse(RetrySpec.DEFAULT_MAX_BACKOFF).get()),
                spec.honorRetryAfter() == null || spec.honorRetryAfter(), on, seed);
    }

    public boolean enabled() {
        return maxRetries > 0;
    }

    /** Whether this finished attempt is followed by another: it failed with a retried class and retries remain. */
    public boolean shouldRetry(RequestTrace attempt) {
        return !attempt.interrupted() && attempt.error() != null && on.contains(attempt.error())
                && attempt.attempt() < maxRetries;
    }

    /**
     * The wait before retry {@code retry} (1, 2, …) of request {@code ordinal}, from the moment the failed attempt
     * ended: the jittered backoff, or the Retry-After (seconds, NaN when absent) when that is longer and honoured.
     */
    public long delayNanos(long ordinal, int retry, double retryAfterSeconds) {
        long backoff = backoffNanos(ordinal, retry);
        if (honorRetryAfter && !Double.isNaN(retryAfterSeconds)) {
            backoff = Math.max(backoff, (long) Math.ceil(retryAfterSeconds * 1e9));
        }
        return backoff;
    }

    /** Full jitter: uniform in [0, {@link #backoffCapNanos}]. */
    public long backoffNanos(long ordinal, int retry) {
        double unit = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + ordinal * 0xBF58476D1CE4E5B9L + retry)
                .nextDouble();
        return (long) (unit * backoffCapNanos(retry));
    }

    /** min(maxBackoff, initialBackoff × 2^(retry−1)). */
    public long backoffCapNanos(int retry) {
        int doublings = Math.max(0, retry - 1);
        // 2^62 ns is beyond any maxBackoff the validator accepts: stop doubling before it overflows.
        if (doublings >= 62 || initialNanos > (maxNanos >> doublings)) {
            return maxNanos;
        }
        return Math.min(maxNanos, initialNanos << doublings);
    }
}
