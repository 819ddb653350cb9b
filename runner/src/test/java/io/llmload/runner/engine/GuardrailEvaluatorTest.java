package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.Histograms;
import io.llmload.runner.spec.GuardrailSpec;
import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Known answers for the guardrail rules; elapsed times are passed in, so no clock is involved. */
class GuardrailEvaluatorTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void specResolvesWithTheDefaultWindowAndNothingToEnforceIsNull() {
        assertThat(Guardrails.from(null)).isNull();
        assertThat(Guardrails.from(new GuardrailSpec(null, "10s", null, null))).isNull();
        assertThat(Guardrails.from(new GuardrailSpec("5%", null, "2s", "1h")))
                .isEqualTo(new Guardrails(0.05, Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofHours(1)));
        assertThat(Guardrails.from(new GuardrailSpec("0.1", "5s", null, null)))
                .isEqualTo(new Guardrails(0.1, Duration.ofSeconds(5), null, null));
    }

    @Test
    void errorRateTripsOnceTheWindowHoldsTheMinimumAttempts() {
        GuardrailEvaluator evaluator = errorRate(0.05, 5);
        // 1 of 10 is 10%, but 10 attempts are too few to judge.
        assertThat(evaluator.onInterval(SECOND, 10, 1, ttft())).isNull();
        assertThat(evaluator.onInterval(2 * SECOND, 10, 1, ttft()))
                .isEqualTo("guardrail abortOnErrorRate: error rate 10% (2 of 20 requests) over the last 2s > 5%");
    }

    @Test
    void fewAttemptsNeverTripEvenWhenAllFail() {
        GuardrailEvaluator evaluator = errorRate(0.05, 30);
        assertThat(evaluator.onInterval(SECOND, 2, 1, ttft())).isNull();
        assertThat(evaluator.onInterval(2 * SECOND, 17, 17, ttft())).isNull(); // 18 of 19 failed
    }

    @Test
    void anErrorRateAtTheLimitDoesNotTrip() {
        assertThat(errorRate(0.05, 30).onInterval(SECOND, 20, 1, ttft())).isNull(); // exactly 5%
        assertThat(errorRate(0.05, 30).onInterval(SECOND, 20, 2, ttft())).isNotNull(); // 10%
    }

    @Test
    void intervalsOlderThanTheWindowLeaveIt() {
        GuardrailEvaluator evaluator = errorRate(0.20, 3);
        assertThat(evaluator.onInterval(SECOND, 10, 10, ttft())).isNull();
        assertThat(evaluator.onInterval(2 * SECOND, 0, 0, ttft())).isNull();
        assertThat(evaluator.onInterval(3 * SECOND, 0, 0, ttft())).isNull();
        // The failures of second 1 are gone: 5 of 20 (25%), not 15 of 30 (50%).
        assertThat(evaluator.onInterval(4 * SECOND, 20, 5, ttft()))
                .isEqualTo("guardrail abortOnErrorRate: error rate 25% (5 of 20 requests) over the last 3s > 20%");
    }

    @Test
    void ttftP99ComesFromTheMergedWindowNotFromAveragedPercentiles() {
        GuardrailEvaluator evaluator = new GuardrailEvaluator(
                new Guardrails(null, Duration.ofSeconds(10), Duration.ofSeconds(1), null));
        assertThat(evaluator.onInterval(SECOND, 100, 0, ttft(100, 100))).isNull();
        // This interval alone has p99 = 5 s (the average of the two p99s would be 2.55 s), but over the window
        // 1 slow request in 110 leaves p99 at 100 ms.
        assertThat(evaluator.onInterval(2 * SECOND, 10, 0, ttft(9, 100, 1, 5_000))).isNull();
        // 3 slow in 120: the 119th value is 5 s.
        assertThat(evaluator.onInterval(3 * SECOND, 10, 0, ttft(8, 100, 2, 5_000)))
                .isEqualTo("guardrail abortOnTtftP99: p99 TTFT 5.0s (120 streamed requests) over the last 3s > 1s");
    }

    @Test
    void ttftNeedsTheMinimumAttemptsToo() {
        GuardrailEvaluator evaluator = new GuardrailEvaluator(
                new Guardrails(null, Duration.ofSeconds(10), Duration.ofMillis(500), null));
        assertThat(evaluator.onInterval(SECOND, 19, 0, ttft(19, 2_000))).isNull();
        assertThat(evaluator.onInterval(2 * SECOND, 1, 0, ttft(1, 2_000)))
                .isEqualTo("guardrail abortOnTtftP99: p99 TTFT 2.0s (20 streamed requests) over the last 2s > 500ms");
    }

    @Test
    void maxDurationTripsWhenTheLimitIsReached() {
        GuardrailEvaluator evaluator = new GuardrailEvaluator(
                new Guardrails(null, null, null, Duration.ofSeconds(2)));
        assertThat(evaluator.duration(2 * SECOND - 1)).isNull();
        assertThat(evaluator.onInterval(SECOND, 0, 0, ttft())).isNull();
        assertThat(evaluator.onInterval(2 * SECOND, 0, 0, ttft()))
                .isEqualTo("guardrail maxDuration: the load reached its limit of 2s");
    }

    private static GuardrailEvaluator errorRate(double limit, int windowSeconds) {
        return new GuardrailEvaluator(new Guardrails(limit, Duration.ofSeconds(windowSeconds), null, null));
    }

    /** A TTFT histogram from (count, milliseconds) pairs. */
    private static Histogram ttft(long... countsAndMillis) {
        Histogram h = Histograms.create();
        for (int i = 0; i < countsAndMillis.length; i += 2) {
            h.recordValueWithCount(countsAndMillis[i + 1] * 1_000, countsAndMillis[i]);
        }
        return h;
    }
}
