package io.llmload.runner.engine;

import io.llmload.runner.spec.Durations;
import io.llmload.runner.spec.GuardrailSpec;
import io.llmload.runner.spec.Ratios;
import java.time.Duration;

/**
 * The resolved {@code spec.guardrails}: conditions that abort a run early. A null limit is not checked.
 *
 * @param maxErrorRate abort when errors / attempts over the window exceeds this fraction
 * @param window how far back the error-rate and TTFT rules look
 * @param maxTtftP99 abort when p99 TTFT over the window exceeds this
 * @param maxDuration abort when the load has run this long
 */
public record Guardrails(Double maxErrorRate, Duration window, Duration maxTtftP99, Duration maxDuration) {

    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(30);

    /**
     * Fewest attempts the window must hold before the error-rate or TTFT rule may trip: with fewer, one failure (or
     * one slow request) would decide, e.g. 1 failure in 2 requests is 50% but says little about the server.
     */
    public static final int MIN_ATTEMPTS = 20;

    public Guardrails {
        window = window == null ? DEFAULT_WINDOW : window;
    }

    /** From a validated spec; null when there is no guardrail to enforce. */
    public static Guardrails from(GuardrailSpec spec) {
        if (spec == null) {
            return null;
        }
        Guardrails g = new Guardrails(
                spec.abortOnErrorRate() == null ? null : Ratios.parse(spec.abortOnErrorRate()).orElse(null),
                Durations.parseOr(spec.window(), DEFAULT_WINDOW),
                spec.abortOnTtftP99() == null ? null : Durations.parse(spec.abortOnTtftP99()).orElse(null),
                spec.maxDuration() == null ? null : Durations.parse(spec.maxDuration()).orElse(null));
        return g.maxErrorRate == null && g.maxTtftP99 == null && g.maxDuration == null ? null : g;
    }

    /** Whether a sliding window is needed (the error-rate or TTFT rule is set). */
    public boolean windowed() {
        return maxErrorRate != null || maxTtftP99 != null;
    }
}
