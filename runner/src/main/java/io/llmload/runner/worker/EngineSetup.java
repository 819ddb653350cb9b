package io.llmload.runner.worker;

import io.llmload.runner.engine.EngineConfig;
import io.llmload.runner.engine.Target;
import io.llmload.runner.plan.LoadModel;
import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.plan.PlanResolver;
import io.llmload.runner.plan.RunnerShare;
import io.llmload.runner.spec.Durations;
import io.llmload.runner.spec.LoadTestSpec;
import io.llmload.runner.spec.TargetSpec;
import java.net.URI;

/**
 * This runner's engine configuration from the plan, resolved the way the CLI's {@code LocalRun} resolves a URL
 * target: full durations, the plan's URL and model, the spec's timeout and pool size, seed {@code plan.seed + index}.
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
        LoadPlan loadPlan = PlanResolver.resolve(spec.load(), 1.0);
        TargetSpec targetSpec = spec.target() == null
                ? new TargetSpec(null, null, null, null, null, null, null, null) : spec.target();
        Target target = new Target(URI.create(plan.targetUrl().trim()), plan.model(),
                apiKey == null || apiKey.isBlank() ? null : apiKey,
                Durations.parseOr(targetSpec.timeout(), Target.DEFAULT_TIMEOUT),
                TemporaryConnectionSizing.connections(targetSpec, loadPlan));
        return EngineConfig.of(plan.testName(), loadPlan, spec.workload(), target, plan.seed() + index)
                .withShare(new RunnerShare(index, plan.runners()), null);
    }

    /**
     * TEMPORARY — an exact copy of {@code cli.LocalRun.connections} (private there) until it moves to a shared
     * place (proposed: {@code engine.Target.defaultConnections(TargetSpec, LoadPlan)}); then delete this class and
     * call the shared method. Do not change the sizing here: both must stay identical.
     */
    static final class TemporaryConnectionSizing {

        private static final int MIN_OPEN_CONNECTIONS = 64;
        private static final int MAX_DEFAULT_CONNECTIONS = 4096;

        private TemporaryConnectionSizing() {
        }

        static int connections(TargetSpec target, LoadPlan plan) {
            if (target.maxConnections() != null) {
                return target.maxConnections();
            }
            double peak = plan.peakLevel();
            long wanted = plan.model() == LoadModel.CLOSED
                    ? (long) Math.ceil(peak) + 4
                    : Math.max(MIN_OPEN_CONNECTIONS, (long) Math.ceil(peak * 60));
            return (int) Math.min(MAX_DEFAULT_CONNECTIONS, Math.max(1, wanted));
        }
    }
}
