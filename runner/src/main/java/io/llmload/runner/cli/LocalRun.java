package io.llmload.runner.cli;

import io.llmload.runner.capacity.CapacitySearch;
import io.llmload.runner.autoscaling.AutoscalingAnalysis;
import io.llmload.runner.autoscaling.ReplicaSource;
import io.llmload.runner.autoscaling.ReplicaTimeline;
import io.llmload.runner.engine.EngineConfig;
import io.llmload.runner.engine.Guardrails;
import io.llmload.runner.engine.LoadEngine;
import io.llmload.runner.engine.ProgressListener;
import io.llmload.runner.engine.Target;
import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.plan.PlanResolver;
import io.llmload.runner.plan.SearchPlan;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import io.llmload.runner.report.RunData;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.slo.Goodput;
import io.llmload.runner.simulator.ScalingPolicy;
import io.llmload.runner.spec.LlmLoadTest;
import io.llmload.runner.spec.LoadTestSpec;
import io.llmload.runner.spec.AutoscalingSpec;
import io.llmload.runner.spec.TargetSpec;
import io.llmload.runner.servermetrics.ServerReportBuilder;
import io.llmload.runner.servermetrics.ServerMetricsSource;
import io.llmload.runner.target.ModelChoice;
import io.llmload.runner.target.TargetConnection;
import io.llmload.runner.workload.TokenizerException;
import io.llmload.runner.workload.dataset.DatasetException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One test run on this machine: resolves the target (a URL, or the embedded simulator started here), the plan and
 * the API key, runs the engine and builds the report. {@link #abort} stops it from another thread (Ctrl-C).
 */
final class LocalRun {

    private final LlmLoadTest test;
    private final double durationScale;
    private final Duration scrapeInterval;
    private final boolean scrapeOff;
    private final Map<String, String> env;
    private final boolean modelFromCommandLine;
    private volatile LoadEngine engine;
    private volatile CapacitySearch search;

    /**
     * @param scrapeInterval how often the server's metrics are scraped (null: spec.target.metrics.interval, else 5 s)
     * @param scrapeOff no server metrics at all (--scrape-interval off)
     */
    LocalRun(LlmLoadTest test, double durationScale, Duration scrapeInterval, boolean scrapeOff,
            Map<String, String> env) {
        this(test, durationScale, scrapeInterval, scrapeOff, env, false);
    }

    /** @param modelFromCommandLine spec.target.model came from {@code --model} (the report says so) */
    LocalRun(LlmLoadTest test, double durationScale, Duration scrapeInterval, boolean scrapeOff,
            Map<String, String> env, boolean modelFromCommandLine) {
        this.test = test;
        this.durationScale = durationScale;
        this.scrapeInterval = scrapeInterval;
        this.scrapeOff = scrapeOff;
        this.env = env;
        this.modelFromCommandLine = modelFromCommandLine;
    }

    Report run(ProgressListener progress, Consumer<String> notice) throws InterruptedException {
        LoadTestSpec spec = test.spec();
        TargetSpec targetSpec = TargetSpec.orEmpty(spec.target());
        Duration timeout = Target.timeout(targetSpec);
        SearchPlan searchPlan = SearchPlan.isSearch(spec.load())
                ? SearchPlan.of(spec.load(), timeout, durationScale) : null;
        LoadPlan plan = PlanResolver.resolve(spec.load(), timeout, durationScale);
        Simulator simulator = null;
        try {
            Target target;
            String apiKey = apiKey(targetSpec);
            if (targetSpec.url() == null || targetSpec.url().isBlank()) {
                simulator = EmbeddedSimulator.start(targetSpec.simulator(), targetSpec.model(), durationScale);
                URI url = URI.create(simulator.baseUrl());
                ScalingPolicy scaling = simulator.config().scaling();
                notice.accept("embedded simulator (profile " + simulator.config().profile().name()
                        + (scaling == null ? "" : ", " + scaling.minReplicas() + "-" + scaling.maxReplicas()
                                + " engines scaled on " + scaling.metric().vllmName())
                        + ") on " + simulator.baseUrl());
                target = Target.resolve(url, new ModelChoice(simulator.config().modelName(),
                        blank(targetSpec.model()) ? ModelChoice.SIMULATOR : modelSource()), apiKey,
                        TargetConnection.plain(url), targetSpec, plan);
            } else {
                target = RemoteTarget.resolve(targetSpec, apiKey, modelSource(), env, plan, notice);
            }
            Target resolved = target;
            CapacitySearch.ProbeRunner engineRun = p -> runEngine(p, resolved.withConnectionsFor(targetSpec, p),
                    progress);
            ServerMetricsSource serverMetrics = LocalMetricsSource.create(targetSpec.metrics(),
                    URI.create(target.label()), target.connection(), scrapeInterval, scrapeOff, notice);
            ReplicaSource replicas = replicaSource(spec, targetSpec, URI.create(target.label()), simulator != null,
                    notice);
            if (serverMetrics != null) {
                serverMetrics.start();
            }
            if (replicas != null) {
                replicas.start();
            }
            RunData data;
            Report report;
            try {
                if (searchPlan != null) {
                    search = new CapacitySearch(searchPlan, spec.slo(), engineRun);
                    CapacitySearch.Result result = search.run(test.name(), spec.cost(), spec.plan());
                    data = result.data();
                    report = result.report();
                } else {
                    data = engineRun.run(plan);
                    report = ReportBuilder.build(data, spec.slo(), spec.cost(), spec.plan());
                }
            } catch (InterruptedException | RuntimeException e) {
                if (serverMetrics != null) {
                    serverMetrics.discard();
                }
                if (replicas != null) {
                    replicas.discard();
                }
                throw e;
            }
            return withSources(report, spec, data, serverMetrics, replicas);
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
    }

    /** One engine run of {@code plan} (the whole test, or one probe of a search) against {@code target}. */
    private RunData runEngine(LoadPlan plan, Target target, ProgressListener progress) throws InterruptedException {
        LoadTestSpec spec = test.spec();
        long seed = spec.workload().seed() == null ? 1 : spec.workload().seed();
        EngineConfig config = EngineConfig.of(test.name(), plan, spec.workload(), target, seed)
                .withProgress(progress)
                // Not scaled by --duration-scale: guardrails protect the target in real time.
                .withGuardrails(Guardrails.from(spec.guardrails()))
                .withGoodput(Goodput.thresholds(spec.slo()))
                // spec.autoscaling judges windows that are not stages: they are merged from per-interval cells.
                .withIntervalCells(spec.autoscaling() != null);
        try {
            engine = new LoadEngine(config);
        } catch (DatasetException | TokenizerException e) {
            throw new UserInputException(e.getMessage());
        }
        return engine.run();
    }

    /** The run's report with what the sources beside it collected over exactly its time (they stop here). */
    private static Report withSources(Report judged, LoadTestSpec spec, RunData data,
            ServerMetricsSource serverMetrics, ReplicaSource replicas) {
        Instant from = Instant.parse(data.startTime());
        Instant to = Instant.parse(data.endTime());
        Report report = judged;
        if (serverMetrics != null) {
            // Prometheus is asked for exactly the time the load ran; a scraper just stops.
            report = report.withServer(ServerReportBuilder.build(serverMetrics.finish(from, to), data));
        }
        if (replicas != null) {
            ReplicaTimeline timeline = replicas.finish(from, to);
            report = AutoscalingAnalysis.analyze(spec.autoscaling(), spec.slo(), data, timeline).applyTo(report);
        }
        return report;
    }

    void abort(String reason) {
        CapacitySearch searching = search;
        if (searching != null) {
            searching.stop(reason);
        }
        LoadEngine running = engine;
        if (running != null) {
            running.abort(reason);
        }
    }

    /**
     * The replica timeline's source with spec.autoscaling, else null. The embedded simulator's world runs at the
     * --duration-scale pace (plan and autoscaler delays), so its replicas are read at that pace too.
     */
    private ReplicaSource replicaSource(LoadTestSpec spec, TargetSpec target, URI base, boolean embedded,
            Consumer<String> notice) {
        AutoscalingSpec autoscaling = spec.autoscaling();
        if (autoscaling == null) {
            return null;
        }
        boolean prometheus = autoscaling.replicas() != null && autoscaling.replicas().prometheus() != null;
        if (!prometheus && target.url() != null && !target.url().isBlank()) {
            notice.accept("spec.autoscaling: replicas are read from the replica gauges of " + base + "/metrics (as "
                    + "llmload simulate --max-replicas serves them); for another server set "
                    + "spec.autoscaling.replicas.prometheus");
        }
        Duration metricsInterval = scrapeInterval != null ? scrapeInterval
                : LocalMetricsSource.interval(target.metrics());
        return LocalReplicaSource.create(autoscaling, base, metricsInterval, embedded ? durationScale : 1.0);
    }

    private String modelSource() {
        return modelFromCommandLine ? ModelChoice.COMMAND_LINE : ModelChoice.SPEC;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private String apiKey(TargetSpec target) {
        if (target.apiKeyEnv() == null) {
            return null;
        }
        String key = env.get(target.apiKeyEnv());
        if (key == null || key.isBlank()) {
            throw new UserInputException("spec.target.apiKeyEnv: environment variable " + target.apiKeyEnv()
                    + " is not set: export it with the API key, or remove apiKeyEnv");
        }
        return key;
    }
}
