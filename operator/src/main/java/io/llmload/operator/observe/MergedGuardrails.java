package io.llmload.operator.observe;

import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.runner.engine.GuardrailEvaluator;
import io.llmload.runner.engine.Guardrails;
import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.Histograms;
import io.llmload.runner.metrics.LatencyMetric;
import io.llmload.runner.report.RunData;
import io.llmload.runner.spec.GuardrailSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;

/**
 * {@code abortOnErrorRate} and {@code abortOnTtftP99} judged on the merged stream of all runners of a test, with the
 * runners' own {@link GuardrailEvaluator}: each poll's increase of every runner's cumulative counts and TTFT
 * histogram is one interval. A breach spread thinly over many runners (each under its own 20-attempt minimum) still
 * trips here. In memory: after an operator restart the window starts again from the next poll.
 */
@ApplicationScoped
public class MergedGuardrails {

    /** A runner's cumulative attempts, errors and TTFT at one poll (all stages, warmup included, as runners judge). */
    record Totals(long attempts, long errors, Histogram ttft) {

        static Totals of(RunData data) {
            long attempts = 0;
            long errors = 0;
            Histogram ttft = Histograms.create();
            for (CellData cell : data.cells()) {
                attempts += cell.requests();
                errors += cell.errors().values().stream().mapToLong(Long::longValue).sum();
                String encoded = cell.histograms() == null ? null : cell.histograms().get(LatencyMetric.TTFT.key());
                if (encoded != null) {
                    ttft.add(Histograms.decode(encoded));
                }
            }
            return new Totals(attempts, errors, ttft);
        }

        /** This minus an earlier poll; a runner whose counts went down restarted, and all it has is new. */
        Totals since(Totals earlier) {
            if (earlier == null || attempts < earlier.attempts || ttft.getTotalCount() < earlier.ttft.getTotalCount()) {
                return this;
            }
            Histogram delta = ttft.copy();
            try {
                delta.subtract(earlier.ttft);
            } catch (IllegalArgumentException notASuperset) {
                return this;
            }
            return new Totals(attempts - earlier.attempts, errors - earlier.errors, delta);
        }
    }

    /** One test's evaluator and what each runner had reported at the previous poll. */
    private static final class State {
        final GuardrailEvaluator evaluator;
        final Map<Integer, Totals> previous = new HashMap<>();
        /** Created mid-test (operator restart): the first poll is only the baseline, not one huge interval. */
        boolean baselineOnly;
        /** Once tripped, the same reason until the runners have stopped (the abort is repeated, not re-judged). */
        String tripped;

        State(GuardrailEvaluator evaluator, boolean baselineOnly) {
            this.evaluator = evaluator;
            this.baselineOnly = baselineOnly;
        }
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();

    /** The windowed rules of the run's guardrails (maxDuration stays with the runners' own timers), or null. */
    static Guardrails windowed(GuardrailSpec spec) {
        Guardrails all = Guardrails.from(spec);
        if (all == null || !all.windowed()) {
            return null;
        }
        return new Guardrails(all.maxErrorRate(), all.window(), all.maxTtftP99(), null);
    }

    /**
     * The test's load is about to start: judge from the first poll on.
     *
     * @param spec the guardrails of the run's plan (an edit of the spec mid-run does not change them)
     */
    public void begin(LlmLoadTest test, GuardrailSpec spec) {
        Guardrails guardrails = windowed(spec);
        if (guardrails != null) {
            states.put(key(test), new State(new GuardrailEvaluator(guardrails), false));
        }
    }

    /**
     * Adds one poll of every answering runner; returns why the test must stop, if a rule tripped.
     *
     * @param spec the guardrails of the run's plan
     * @param startTime the runners' common start time (the window's time base)
     */
    public Optional<String> observe(LlmLoadTest test, GuardrailSpec spec, Instant startTime, Instant now,
            Map<Integer, RunData> byRunner) {
        Guardrails guardrails = windowed(spec);
        if (guardrails == null || byRunner.isEmpty()) {
            return Optional.empty();
        }
        State state = states.computeIfAbsent(key(test), k -> new State(new GuardrailEvaluator(guardrails), true));
        if (state.tripped != null) {
            return Optional.of(state.tripped);
        }
        long attempts = 0;
        long errors = 0;
        Histogram ttft = Histograms.create();
        for (Map.Entry<Integer, RunData> runner : byRunner.entrySet()) {
            Totals current = Totals.of(runner.getValue());
            Totals delta = current.since(state.previous.get(runner.getKey()));
            state.previous.put(runner.getKey(), current);
            attempts += delta.attempts();
            errors += delta.errors();
            ttft.add(delta.ttft());
        }
        if (state.baselineOnly) {
            state.baselineOnly = false;
            return Optional.empty();
        }
        long elapsedNanos = Math.max(0, Duration.between(startTime, now).toNanos());
        String reason = state.evaluator.onInterval(elapsedNanos, attempts, errors, ttft);
        if (reason != null) {
            state.tripped = reason + " (all " + byRunner.size() + " runners merged)";
        }
        return Optional.ofNullable(state.tripped);
    }

    /** The test ended or is gone. */
    public void forget(LlmLoadTest test) {
        states.remove(key(test));
    }

    private static String key(LlmLoadTest test) {
        return test.getMetadata().getNamespace() + "/" + test.getMetadata().getName() + "/"
                + test.getMetadata().getUid();
    }
}
