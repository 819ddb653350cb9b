package io.llmload.runner.worker;

import io.llmload.runner.engine.EngineConfig;
import io.llmload.runner.engine.Guardrails;
import io.llmload.runner.engine.Target;
import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.plan.PlanResolver;
import io.llmload.runner.plan.RunnerShare;
import io.llmload.runner.slo.Goodput;
import io.llmload.runner.spec.DatasetPaths;
import io.llmload.runner.spec.LoadTestSpec;
import io.llmload.runner.spec.TargetSpec;
import io.llmload.runner.spec.WorkloadSpec;
import java.net.URI;

/**
 * This runner's engine configuration from the plan, resolved the way the CLI's {@code LocalRun} resolves a URL
 * target: full durations, the plan's URL and model, the spec's timeout and pool size, seed
 * {@code plan.seed + index}, and datasets read from the files the operator mounted.
 */
final class EngineSetup {

    private EngineSetup() {
    }

    /**
     * The start time is left out ({@code startAt} null): the worker itself calls {@code start()} at the agreed
     * time (see {@link WorkerEngine}), so an abort during the wait can never be followed by a start.
     */
    static EngineConfig config(WorkerPlan plan, int index, String apiKey) {
        LoadTestSpec spec = plan.spec();
        LoadPlan loadPlan = PlanResolver.resolve(spec.load(), Target.timeout(spec.target()), 1.0);
        Target target = Target.resolve(URI.create(plan.targetUrl().trim()), plan.model(), apiKey,
                TargetSpec.orEmpty(spec.target()), loadPlan);
        // Datasets are read from where the operator mounted them into this pod.
        WorkloadSpec workload = DatasetPaths.rewrite(spec.workload(),
                (type, dataset) -> plan.datasetFiles().get(type.name()));
        return EngineConfig.of(plan.testName(), loadPlan, workload, target, plan.seed() + index)
                .withShare(new RunnerShare(index, plan.runners()), null)
                // Each runner judges its own share and aborts itself; the operator then ends the test Aborted.
                .withGuardrails(Guardrails.from(spec.guardrails()))
                // Goodput is judged per request as it is recorded: the plan's spec carries the SLO to every runner.
                .withGoodput(Goodput.thresholds(spec.slo()));
    }
}
