package io.llmload.runner.engine;

import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.plan.PlanResolver;
import io.llmload.runner.report.RunData;
import io.llmload.runner.slo.Goodput;
import io.llmload.runner.spec.LlmLoadTest;
import io.llmload.runner.spec.ManifestReader;
import io.llmload.runner.spec.ManifestValidator;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Runs a manifest (YAML text) through the engine against a base URL, collecting every request's trace. */
final class EngineRuns {

    final RunData data;
    final List<RequestTrace> traces;

    private EngineRuns(RunData data, List<RequestTrace> traces) {
        this.data = data;
        this.traces = traces;
    }

    static EngineRuns run(String yaml, String baseUrl, int maxConnections) throws Exception {
        return run(yaml, baseUrl, maxConnections, null);
    }

    /** Also reports progress to {@code progress} (may be null). */
    static EngineRuns run(String yaml, String baseUrl, int maxConnections, ProgressListener progress)
            throws Exception {
        ConcurrentLinkedQueue<RequestTrace> traces = new ConcurrentLinkedQueue<>();
        EngineConfig config = config(yaml, baseUrl, maxConnections).withTraceListener(traces::add)
                .withProgress(progress);
        RunData data = new LoadEngine(config).run();
        return new EngineRuns(data, List.copyOf(traces));
    }

    /** The engine's configuration for a manifest, with its guardrails and goodput limits, against a base URL. */
    static EngineConfig config(String yaml, String baseUrl, int maxConnections) throws Exception {
        LlmLoadTest test = ManifestReader.parse(yaml);
        ManifestValidator.requireValid(test, ManifestValidator.Mode.LOCAL);
        Target target = new Target(URI.create(baseUrl), "llmload-sim", null, Duration.ofSeconds(30), maxConnections);
        return EngineConfig.of(test.name(), PlanResolver.resolve(test.spec().load(), 1.0), test.spec().workload(),
                target, 11).withGuardrails(Guardrails.from(test.spec().guardrails()))
                .withGoodput(Goodput.thresholds(test.spec().slo()));
    }

    /**
     * Runs {@code run} with the engine's loops on one shared thread or each on its own, whatever the machine's
     * processors ({@link EngineLoops#sharedLoop()}); the tests of a JVM run one at a time.
     */
    static <T> T withSharedLoop(boolean shared, Callable<T> run) throws Exception {
        String previous = System.setProperty(EngineLoops.SHARED_LOOP_PROPERTY, Boolean.toString(shared));
        try {
            return run.call();
        } finally {
            if (previous == null) {
                System.clearProperty(EngineLoops.SHARED_LOOP_PROPERTY);
            } else {
                System.setProperty(EngineLoops.SHARED_LOOP_PROPERTY, previous);
            }
        }
    }

    /** A manifest with one request type and one stage. */
    static String manifest(String load, String requestType) {
        return "apiVersion: llmload.io/v1alpha1\n"
                + "kind: LlmLoadTest\n"
                + "metadata: {name: engine-test}\n"
                + "spec:\n"
                + "  workload:\n"
                + "    mix:\n"
                + "      - " + requestType + "\n"
                + "  load: " + load + "\n";
    }
}
