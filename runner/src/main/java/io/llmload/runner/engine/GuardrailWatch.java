package io.llmload.runner.engine;

import io.llmload.runner.metrics.CellStats;
import io.vertx.core.Vertx;
import java.util.function.Consumer;

/**
 * Applies {@link Guardrails} to a run: every closed interval goes to the {@link GuardrailEvaluator}, and maxDuration
 * has a timer of its own so that it stops the load on time rather than at the next interval. A tripped guardrail
 * aborts the run with its reason. Confined to the control loop.
 */
final class GuardrailWatch {

    private final Guardrails guardrails;
    private final GuardrailEvaluator evaluator;
    private final Consumer<String> abort;

    /** @param guardrails null: nothing to watch */
    GuardrailWatch(Guardrails guardrails, Consumer<String> abort) {
        this.guardrails = guardrails;
        this.evaluator = guardrails == null ? null : new GuardrailEvaluator(guardrails);
        this.abort = abort;
    }

    void start(Vertx vertx) {
        if (guardrails != null && guardrails.maxDuration() != null) {
            vertx.setTimer(Math.max(1, guardrails.maxDuration().toMillis()),
                    id -> trip(evaluator.duration(guardrails.maxDuration().toNanos())));
        }
    }

    /** The interval (all cells merged) that closed {@code offsetNanos} after the start. */
    void onInterval(long offsetNanos, CellStats interval) {
        if (evaluator != null) {
            trip(evaluator.onInterval(offsetNanos, interval));
        }
    }

    private void trip(String reason) {
        if (reason != null) {
            abort.accept(reason);
        }
    }
}
