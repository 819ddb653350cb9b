package io.llmload.runner.engine;

import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.metrics.LatencyMetric;
import io.llmload.runner.spec.Durations;
import io.llmload.runner.spec.Ratios;
import java.time.Duration;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Judges {@link Guardrails} once per closed interval and says why the run must stop (one line), or null. Fed every
 * interval from the start, warmup included: guardrails protect the target, and a warmup can overload it too.
 * Confined to the engine's control loop; takes elapsed times as arguments so it can be tested without a clock. The
 * operator runs one more on the merged stream of all runners (intervals between its polls).
 */
public final class GuardrailEvaluator {

    private final Guardrails guardrails;
    private final GuardrailWindow window;

    public GuardrailEvaluator(Guardrails guardrails) {
        this.guardrails = guardrails;
        this.window = new GuardrailWindow(guardrails.window().toNanos());
    }

    /** Adds the interval (all stages and request types merged) that closed {@code elapsedNanos} after the start. */
    String onInterval(long elapsedNanos, CellStats interval) {
        return onInterval(elapsedNanos, interval.requests(), interval.errorsTotal(),
                interval.histogram(LatencyMetric.TTFT));
    }

    /**
     * Adds one interval's finished attempts, errors and TTFT histogram, closed {@code elapsedNanos} after the start;
     * returns why the run must stop, or null.
     */
    public String onInterval(long elapsedNanos, long attempts, long errors, Histogram ttft) {
        window.add(elapsedNanos, attempts, errors, ttft);
        String reason = errorRate(elapsedNanos);
        if (reason == null) {
            reason = ttftP99(elapsedNanos);
        }
        return reason != null ? reason : duration(elapsedNanos);
    }

    /** The maxDuration rule alone (also checked by a timer, so the stop does not wait for the next interval). */
    String duration(long elapsedNanos) {
        Duration limit = guardrails.maxDuration();
        if (limit == null || elapsedNanos < limit.toNanos()) {
            return null;
        }
        return "guardrail maxDuration: the load reached its limit of " + Durations.format(limit);
    }

    private String errorRate(long elapsedNanos) {
        Double limit = guardrails.maxErrorRate();
        long attempts = window.attempts();
        if (limit == null || attempts < Guardrails.MIN_ATTEMPTS) {
            return null;
        }
        double rate = window.errors() / (double) attempts;
        if (rate <= limit) {
            return null;
        }
        return "guardrail abortOnErrorRate: error rate " + Ratios.format(rate) + " (" + window.errors() + " of "
                + attempts + " requests) over the last " + span(elapsedNanos) + " > " + Ratios.format(limit);
    }

    private String ttftP99(long elapsedNanos) {
        Duration limit = guardrails.maxTtftP99();
        // Same minimum as the error rate: the p99 of a handful of requests is just the slowest one.
        if (limit == null || window.attempts() < Guardrails.MIN_ATTEMPTS) {
            return null;
        }
        Histogram ttft = window.ttft();
        if (ttft.getTotalCount() == 0) {
            return null;
        }
        long p99Micros = ttft.getValueAtPercentile(99);
        if (p99Micros * 1_000 <= limit.toNanos()) {
            return null;
        }
        return "guardrail abortOnTtftP99: p99 TTFT " + millisOrSeconds(p99Micros) + " (" + ttft.getTotalCount()
                + " streamed requests) over the last " + span(elapsedNanos) + " > " + Durations.format(limit);
    }

    /** How much time the window covers now: the whole window, or less early in the run. */
    private String span(long elapsedNanos) {
        return seconds(Math.min(elapsedNanos, guardrails.window().toNanos()));
    }

    private static String seconds(long nanos) {
        long millis = Math.max(1, Math.round(nanos / 1e6));
        return millis >= 1_000 ? Durations.format(Duration.ofSeconds(Math.round(millis / 1000.0)))
                : millis + "ms";
    }

    private static String millisOrSeconds(long micros) {
        return micros < 1_000_000 ? Math.round(micros / 1000.0) + "ms"
                : String.format(Locale.ROOT, "%.1fs", micros / 1e6);
    }
}
