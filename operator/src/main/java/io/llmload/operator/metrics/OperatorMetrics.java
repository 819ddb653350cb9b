package io.llmload.operator.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The operator's own metrics on /q/metrics: tests started and finished (by phase and verdict), and per reconcile the
 * time it took and the CPU it used — the wall time includes waiting for runners, the CPU time is what sizing the
 * operator's CPU request needs.
 */
@ApplicationScoped
public class OperatorMetrics {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final MeterRegistry registry;
    private final Timer reconcile;
    private final Timer reconcileCpu;

    public OperatorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.reconcile = Timer.builder("llmload.reconcile").description("Time spent in one reconcile")
                .register(registry);
        this.reconcileCpu = Timer.builder("llmload.reconcile.cpu").description("CPU time used by one reconcile")
                .register(registry);
    }

    public void started() {
        registry.counter("llmload.tests.started").increment();
    }

    public void finished(String phase, String verdict) {
        registry.counter("llmload.tests.finished", "phase", phase, "verdict", verdict == null ? "none" : verdict)
                .increment();
    }

    /** Runs one reconcile, recording its wall time and the CPU time of this thread. */
    public <T> T timeReconcile(Supplier<T> work) {
        boolean cpu = THREADS.isCurrentThreadCpuTimeSupported();
        long cpuBefore = cpu ? THREADS.getCurrentThreadCpuTime() : 0;
        try {
            return reconcile.record(work);
        } finally {
            if (cpu) {
                reconcileCpu.record(Duration.ofNanos(THREADS.getCurrentThreadCpuTime() - cpuBefore));
            }
        }
    }
}
