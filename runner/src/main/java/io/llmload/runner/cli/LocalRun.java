package io.llmload.runner.cli;

import io.llmload.runner.capacity.CapacitySearch;
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
import io.llmload.runner.simulator.SimulatorConfig;
import io.llmload.runner.simulator.SimulatorProfile;
import io.llmload.runner.spec.LlmLoadTest;
import io.llmload.runner.spec.LoadTestSpec;
import io.llmload.runner.spec.SimulatorSpec;
import io.llmload.runner.spec.TargetSpec;
import io.llmload.runner.servermetrics.ServerReportBuilder;
import io.llmload.runner.servermetrics.Scrapes;
import io.llmload.runner.servermetrics.ServerMetricsSource;
import io.llmload.runner.target.ModelChoice;
import io.llmload.runner.target.TargetConnection;
import io.llmload.runner.workload.TokenizerException;
import io.llmload.runner.workload.dataset.DatasetException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

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

    Report run(ProgressListener progress, java.util.function.Consumer<String> notice) throws InterruptedException {
        LoadTestSpec spec = test.spec();
        TargetSpec targetSpec = TargetSpec.orEmpty(spec.target());
        Duration timeout = Target.timeout(targetSpec);
        SearchPlan searchPlan = SearchPlan.isSearch(spec.load())
                ? SearchPlan.of(spec.load(), timeout, durationScale) : null;
        LoadPlan plan = PlanResolver.resolve(spec.load(), timeout, durationScale);
        Simulator simulator = null;
        Scrapes scrapes = null;
        try {
            Target target;
            String apiKey = apiKey(targetSpec);
            if (targetSpec.url() == null || targetSpec.url().isBlank()) {
                simulator = startSimulator(targetSpec.simulator(), targetSpec.model());
                URI url = URI.create(simulator.baseUrl());
                notice.accept("embedded simulator (profile " + simulator.config().profile().name() + ") on "
                        + simulator.baseUrl());
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
            if (serverMetrics != null) {
                serverMetrics.start();
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
                throw e;
            }
            if (serverMetrics != null) {
                // Prometheus is asked for exactly the time the load ran; a scraper just stops.
                scrapes = serverMetrics.finish(Instant.parse(data.startTime()), Instant.parse(data.endTime()));
            }
            return scrapes == null ? report : report.withServer(ServerReportBuilder.build(scrapes, data));
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
                .withGoodput(Goodput.thresholds(spec.slo()));
        try {
            engine = new LoadEngine(config);
        } catch (DatasetException | TokenizerException e) {
            throw new UserInputException(e.getMessage());
        }
        return engine.run();
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

    private static Simulator startSimulator(SimulatorSpec spec, String model) {
        SimulatorConfig config = SimulatorConfig.defaults();
        if (spec != null && spec.profile() != null) {
            config = config.withProfile(SimulatorProfile.named(spec.profile()));
        }
        if (spec != null && spec.seed() != null) {
            config = config.withSeed(spec.seed());
        }
        if (spec != null && spec.tokensPerChunk() != null) {
            config = config.withTokensPerChunk(spec.tokensPerChunk());
        }
        if (model != null && !model.isBlank()) {
            config = config.withModelName(model);
        }
        return Simulator.start(config);
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
