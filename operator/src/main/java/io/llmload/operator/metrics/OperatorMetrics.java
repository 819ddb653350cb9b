package io.llmload.operator.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/** The operator's own metrics on /q/metrics: tests started and finished (by phase and verdict), reconcile time. */
@ApplicationScoped
public class OperatorMetrics {

    private final MeterRegistry registry;
    private final Timer reconcile;

    public OperatorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.reconcile = Timer.builder("llmload.reconcile").description("Time spent in one reconcile")
                .register(registry);
    }

    public void started() {
        registry.counter("llmload.tests.started").increment();
    }

    public void finished(String phase, String verdict) {
        registry.counter("llmload.tests.finished", "phase", phase, "verdict", verdict == null ? "none" : verdict)
                .increment();
    }

    public Timer reconcileTimer() {
        return reconcile;
    }
}
