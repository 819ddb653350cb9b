package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.ErrorClass;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.spec.RetrySpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Backoff caps, full-jitter bounds and spread under a fixed seed, Retry-After, and which failures are retried. */
class RetryPolicyTest {

    private static final long MS = 1_000_000L;

    private static RetryPolicy policy(Integer maxRetries, String initial, String max, Boolean honor, List<String> on) {
        return RetryPolicy.from(new RetrySpec(maxRetries, initial, max, honor, on), 42);
    }

    private static RequestTrace failed(int attempt, ErrorClass errorClass) {
        RequestTrace t = new RequestTrace("r", 0, 0, true, 1, attempt);
        t.failed(5 * MS, errorClass, "boom");
        return t;
    }

    @Test
    void capsDoubleFromTheInitialBackoffUpToTheMaximum() {
        RetryPolicy p = policy(10, "100ms", "1s", null, null);
        assertThat(p.backoffCapNanos(1)).isEqualTo(100 * MS);
        assertThat(p.backoffCapNanos(2)).isEqualTo(200 * MS);
        assertThat(p.backoffCapNanos(3)).isEqualTo(400 * MS);
        assertThat(p.backoffCapNanos(4)).isEqualTo(800 * MS);
        assertThat(p.backoffCapNanos(5)).isEqualTo(1_000 * MS);
        assertThat(p.backoffCapNanos(80)).isEqualTo(1_000 * MS);
    }

    @Test
    void fullJitterStaysWithinTheCapAndCoversItEvenly() {
        RetryPolicy p = policy(10, "100ms", "1s", null, null);
        for (int retry = 1; retry <= 6; retry++) {
            long cap = p.backoffCapNanos(retry);
            double sum = 0;
            long min = Long.MAX_VALUE;
            long max = 0;
            int n = 4_000;
            for (long ordinal = 1; ordinal <= n; ordinal++) {
                long b = p.backoffNanos(ordinal, retry);
                assertThat(b).isBetween(0L, cap);
                sum += b;
                min = Math.min(min, b);
                max = Math.max(max, b);
            }
            // Uniform on [0, cap]: mean cap/2 (standard error cap/sqrt(12·4000) ≈ 0.5 % of cap), both ends reached.
            assertThat(sum / n / cap).as("mean / cap of retry %d", retry).isBetween(0.47, 0.53);
            assertThat((double) min / cap).isLessThan(0.01);
            assertThat((double) max / cap).isGreaterThan(0.99);
        }
    }

    @Test
    void theSameSeedOrdinalAndRetryGiveTheSameWait() {
        RetryPolicy a = policy(3, "500ms", "30s", null, null);
        RetryPolicy b = policy(3, "500ms", "30s", null, null);
        RetryPolicy otherSeed = RetryPolicy.from(new RetrySpec(3, "500ms", "30s", null, null), 43);
        assertThat(a.backoffNanos(17, 2)).isEqualTo(b.backoffNanos(17, 2));
        assertThat(a.backoffNanos(17, 2)).isNotEqualTo(a.backoffNanos(18, 2));
        assertThat(a.backoffNanos(17, 2)).isNotEqualTo(otherSeed.backoffNanos(17, 2));
    }

    @Test
    void retryAfterIsALowerBoundWhenHonoured() {
        RetryPolicy honour = policy(3, "100ms", "200ms", null, null);
        RetryPolicy ignore = policy(3, "100ms", "200ms", false, null);
        for (long ordinal = 1; ordinal <= 100; ordinal++) {
            assertThat(honour.delayNanos(ordinal, 1, 2.0)).isEqualTo(2_000 * MS);
            assertThat(honour.delayNanos(ordinal, 1, 0.05)).isGreaterThanOrEqualTo(50 * MS)
                    .isEqualTo(Math.max(50 * MS, honour.backoffNanos(ordinal, 1)));
            assertThat(ignore.delayNanos(ordinal, 1, 2.0)).isEqualTo(ignore.backoffNanos(ordinal, 1));
            assertThat(honour.delayNanos(ordinal, 1, Double.NaN)).isEqualTo(honour.backoffNanos(ordinal, 1));
        }
    }

    @Test
    void retriesTheConfiguredClassesUntilTheRetriesAreUsedUp() {
        RetryPolicy defaults = policy(2, null, null, null, null);
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.shouldRetry(failed(0, ErrorClass.RATE_LIMITED))).isTrue();
        assertThat(defaults.shouldRetry(failed(1, ErrorClass.SERVER))).isTrue();
        assertThat(defaults.shouldRetry(failed(2, ErrorClass.SERVER))).as("maxRetries 2 used up").isFalse();
        assertThat(defaults.shouldRetry(failed(0, ErrorClass.CLIENT))).isFalse();
        assertThat(defaults.shouldRetry(failed(0, ErrorClass.TIMEOUT))).isFalse();
        assertThat(defaults.backoffCapNanos(1)).isEqualTo(500 * MS);
        assertThat(defaults.backoffCapNanos(10)).isEqualTo(30_000 * MS);

        RetryPolicy timeouts = policy(1, null, null, null, List.of("timeout"));
        assertThat(timeouts.shouldRetry(failed(0, ErrorClass.TIMEOUT))).isTrue();
        assertThat(timeouts.shouldRetry(failed(0, ErrorClass.RATE_LIMITED))).isFalse();

        RequestTrace ok = new RequestTrace("r", 0, 0, true, 1);
        ok.succeeded(MS);
        assertThat(defaults.shouldRetry(ok)).isFalse();
        RequestTrace cut = new RequestTrace("r", 0, 0, true, 1);
        cut.interrupted(MS);
        assertThat(defaults.shouldRetry(cut)).isFalse();
    }

    @Test
    void offWithoutAPolicyOrWithZeroRetries() {
        assertThat(RetryPolicy.from(null, 1).enabled()).isFalse();
        assertThat(policy(null, null, null, null, null).enabled()).isFalse();
        assertThat(policy(0, null, null, null, null).shouldRetry(failed(0, ErrorClass.SERVER))).isFalse();
    }
}
