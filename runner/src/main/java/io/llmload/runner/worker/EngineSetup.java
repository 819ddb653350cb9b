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
import io.llmload.runner.target.ModelChoice;
import io.llmload.runner.target.ModelListing;
import io.llmload.runner.target.TargetConnection;
import io.llmload.runner.target.TargetSetupException;
import java.net.URI;
import java.util.Map;

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
        return config(plan, index, apiKey, System.getenv());
    }

    /**
     * @param env where header values (Secret-backed ones are injected by the operator) and proxy variables are read
     * @throws TargetSetupException when the target's files or variables are unusable, or the model cannot be chosen
     */
    static EngineConfig config(WorkerPlan plan, int index, String apiKey, Map<String, String> env) {
        // TLS files and the tokenizer are read from where the operator mounted them into this pod.
        LoadTestSpec spec = MountedFiles.apply(plan.spec(), plan.mountedFiles());
        LoadPlan loadPlan = PlanResolver.resolve(spec.load(), Target.timeout(spec.target()), 1.0);
        TargetSpec targetSpec = TargetSpec.orEmpty(spec.target());
        URI url = URI.create(plan.targetUrl().trim());
        TargetConnection connection = TargetConnection.resolve(url, targetSpec, env);
        // No model in the plan: every runner asks the server and uses its only model (several: this runner fails).
        ModelChoice model = ModelChoice.resolve(plan.model(), ModelChoice.SPEC, url, connection, apiKey,
                ModelListing.timeout(targetSpec.timeout()));
        Target target = Target.resolve(url, model, apiKey, connection, targetSpec, loadPlan);
        // Datasets are read from where the operator mounted them into this pod.
        WorkloadSpec workload = DatasetPaths.rewrite(spec.workload(),
                (type, dataset) -> plan.datasetFiles().get(type.name()));
        return EngineConfig.of(plan.testName(), loadPlan, workload, target, plan.seed() + index)
                .withShare(new RunnerShare(index, plan.runners()), null)
                // Each runner judges its own share and aborts itself; the operator then ends the test Aborted.
                .withGuardrails(Guardrails.from(spec.guardrails()))
                // Goodput is judged per request as it is recorded: the plan's spec carries the SLO to every runner.
                .withGoodput(Goodput.thresholds(spec.slo()))
                // spec.autoscaling judges windows that are not stages: they are merged from per-interval cells.
                .withIntervalCells(spec.autoscaling() != null);
    }
}
