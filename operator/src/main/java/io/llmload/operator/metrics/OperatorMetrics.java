package io.llmload.operator.metrics;

import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The operator's own metrics on /q/metrics (docs/metrics.md#operator-metrics): the tests that exist now by phase and
 * verdict (gauges counted from the informer's cache at each scrape, so they never drift from the cluster — a restart
 * or a missed event cannot skew them, unlike counters fed by transitions); tests started and finished (counters); per
 * reconcile the time it took and the CPU it used — the wall time includes waiting for runners, the CPU time is what
 * sizing the operator's CPU request needs; runner calls of a poll that got no answer; status writes refused by a
 * conflict.
 */
@ApplicationScoped
// Eager: the meters exist from the start (a dashboard reads zeros, not "no data", before the first reconcile).
@Startup
public class OperatorMetrics {

    /** The verdict label of a test that has none (not judged yet, or failed before any result). */
    public static final String NO_VERDICT = "none";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static final Duration[] RECONCILE_BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10) };

    private static final List<String> PHASES = List.of(LlmLoadTestStatus.PHASE_PENDING,
            LlmLoadTestStatus.PHASE_STARTING, LlmLoadTestStatus.PHASE_RUNNING, LlmLoadTestStatus.PHASE_SUCCEEDED,
            LlmLoadTestStatus.PHASE_FAILED, LlmLoadTestStatus.PHASE_ABORTED);
    private static final List<String> VERDICTS = List.of("Pass", "Degraded", "Breach", NO_VERDICT);

    private final MeterRegistry registry;
    private final Timer reconcile;
    private final Timer reconcileCpu;
    private final Counter started;
    private final Counter pollFailures;
    private final Counter statusConflicts;
    /** The tests in the informer's cache; empty until the first reconcile hands the cache over. */
    private volatile Supplier<Stream<LlmLoadTest>> tests = Stream::empty;

    public OperatorMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Classic buckets, so that dashboards can read percentiles (histogram_quantile) across replicas.
        this.reconcile = Timer.builder("llmload.reconcile").description("Time spent in one reconcile")
                .serviceLevelObjectives(RECONCILE_BUCKETS).register(registry);
        this.reconcileCpu = Timer.builder("llmload.reconcile.cpu").description("CPU time used by one reconcile")
                .register(registry);
        this.started = Counter.builder("llmload.tests.started").description("Runs started (a Job created)")
                .register(registry);
        this.pollFailures = Counter.builder("llmload.runner.poll.failures")
                .description("Runner progress polls that got no answer (one per runner and poll)").register(registry);
        this.statusConflicts = Counter.builder("llmload.status.conflicts")
                .description("Status writes refused by a conflict (the reconcile runs again on the newer copy)")
                .register(registry);
        // Every phase x verdict from the start: a series that appears only once a test reaches it reads as "no data"
        // in Grafana instead of 0. Gauges of an earlier instance in the same registry (a restarted application in
        // tests) would keep reading that instance's cache: this one takes them over.
        registry.find("llmload.tests").gauges().forEach(registry::remove);
        for (String phase : PHASES) {
            for (String verdict : VERDICTS) {
                Gauge.builder("llmload.tests", this, m -> m.count(phase, verdict)).tag("phase", phase)
                        .tag("verdict", verdict).description("Tests that exist now, by phase and verdict")
                        // Micrometer holds gauge objects weakly by default: a collected one reads NaN.
                        .strongReference(true).register(registry);
            }
        }
        PHASES.stream().filter(LlmLoadTestStatus::isFinished)
                .forEach(phase -> VERDICTS.forEach(verdict -> finishedCounter(phase, verdict)));
    }

    /** Counts the tests of this cache in {@code llmload_tests}; called with the primary cache at every reconcile. */
    public void countTests(Supplier<Stream<LlmLoadTest>> cache) {
        this.tests = cache;
    }

    /** One runner of a poll did not answer (unreachable, timed out, or an error status). */
    public void pollFailed() {
        pollFailures.increment();
    }

    public void statusConflict() {
        statusConflicts.increment();
    }

    /** A test without a status yet is Pending: the operator is about to say so. */
    static String phaseOf(LlmLoadTest test) {
        LlmLoadTestStatus status = test.getStatus();
        return status == null || status.getPhase() == null ? LlmLoadTestStatus.PHASE_PENDING : status.getPhase();
    }

    static String verdictOf(LlmLoadTest test) {
        LlmLoadTestStatus status = test.getStatus();
        return status == null || status.getVerdict() == null ? NO_VERDICT : status.getVerdict();
    }

    private double count(String phase, String verdict) {
        return tests.get().filter(t -> phase.equals(phaseOf(t)) && verdict.equals(verdictOf(t))).count();
    }

    public void started() {
        started.increment();
    }

    public void finished(String phase, String verdict) {
        finishedCounter(phase, verdict == null ? NO_VERDICT : verdict).increment();
    }

    private Counter finishedCounter(String phase, String verdict) {
        return Counter.builder("llmload.tests.finished").description("Runs that ended, by phase and verdict")
                .tag("phase", phase).tag("verdict", verdict).register(registry);
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
