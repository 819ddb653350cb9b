package io.llmload.runner.cli;

import io.llmload.runner.engine.EngineConfig;
import io.llmload.runner.engine.Guardrails;
import io.llmload.runner.engine.LoadEngine;
import io.llmload.runner.engine.ProgressListener;
import io.llmload.runner.engine.Target;
import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.plan.PlanResolver;
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
    private volatile LoadEngine engine;

    /**
     * @param scrapeInterval how often the server's metrics are scraped (null: spec.target.metrics.interval, else 5 s)
     * @param scrapeOff no server metrics at all (--scrape-interval off)
     */
    LocalRun(LlmLoadTest test, double durationScale, Duration scrapeInterval, boolean scrapeOff,
            Map<String, String> env) {
        this.test = test;
        this.durationScale = durationScale;
        this.scrapeInterval = scrapeInterval;
        this.scrapeOff = scrapeOff;
        this.env = env;
    }

    Report run(ProgressListener progress, java.util.function.Consumer<String> notice) throws InterruptedException {
        LoadTestSpec spec = test.spec();
        TargetSpec targetSpec = TargetSpec.orEmpty(spec.target());
        LoadPlan plan = PlanResolver.resolve(spec.load(), Target.timeout(targetSpec), durationScale);
        long seed = spec.workload().seed() == null ? 1 : spec.workload().seed();
        Simulator simulator = null;
        Scrapes scrapes = null;
        try {
            URI url;
            String model = targetSpec.model();
            if (targetSpec.url() == null || targetSpec.url().isBlank()) {
                simulator = startSimulator(targetSpec.simulator(), model);
                url = URI.create(simulator.baseUrl());
                model = simulator.config().modelName();
                notice.accept("embedded simulator (profile " + simulator.config().profile().name() + ") on "
                        + simulator.baseUrl());
            } else {
                url = URI.create(targetSpec.url().trim());
            }
            Target target = Target.resolve(url, model, apiKey(targetSpec), targetSpec, plan);
            EngineConfig config = EngineConfig.of(test.name(), plan, spec.workload(), target, seed)
                    .withProgress(progress)
                    // Not scaled by --duration-scale: guardrails protect the target in real time.
                    .withGuardrails(Guardrails.from(spec.guardrails()))
                    .withGoodput(Goodput.thresholds(spec.slo()));
            try {
                engine = new LoadEngine(config);
            } catch (DatasetException e) {
                throw new UserInputException(e.getMessage());
            }
            ServerMetricsSource serverMetrics = LocalMetricsSource.create(targetSpec.metrics(),
                    URI.create(target.label()), scrapeInterval, scrapeOff, notice);
            if (serverMetrics != null) {
                serverMetrics.start();
            }
            RunData data;
            try {
                data = engine.run();
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
            Report report = ReportBuilder.build(data, spec.slo(), spec.cost());
            return scrapes == null ? report : report.withServer(ServerReportBuilder.build(scrapes, data));
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
    }

    void abort(String reason) {
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
