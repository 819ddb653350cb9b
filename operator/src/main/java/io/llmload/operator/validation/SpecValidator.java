package io.llmload.operator.validation;

import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.runner.plan.SearchPlan;
import io.llmload.operator.api.v1alpha1.RunnersSpec;
import io.llmload.runner.spec.Durations;
import io.llmload.runner.spec.LoadTestSpec;
import io.llmload.runner.spec.ManifestValidator;
import io.llmload.runner.spec.Metadata;
import io.llmload.runner.spec.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * The runner's manifest checks (in cluster mode), the checks of the operator-only sections, and what the operator's
 * {@link AccessPolicy} allows a test to reference ({@link AccessChecks}).
 */
public final class SpecValidator {

    private SpecValidator() {
    }

    public static List<Violation> validate(LlmLoadTest test) {
        return validate(test, AccessPolicy.current());
    }

    public static List<Violation> validate(LlmLoadTest test, AccessPolicy policy) {
        var spec = test.getSpec();
        if (spec == null) {
            return List.of(new Violation("spec", "required: add target, workload and load sections"));
        }
        LoadTestSpec runnerSpec = spec.toRunnerSpec();
        var manifest = new io.llmload.runner.spec.LlmLoadTest(io.llmload.runner.spec.LlmLoadTest.API_VERSION,
                io.llmload.runner.spec.LlmLoadTest.KIND,
                new Metadata(test.getMetadata().getName(), test.getMetadata().getNamespace(), null), runnerSpec);
        List<Violation> violations = new ArrayList<>(ManifestValidator.validate(manifest,
                ManifestValidator.Mode.CLUSTER));
        if (SearchPlan.isSearch(runnerSpec.load())) {
            violations.addAll(searchChecks(runnerSpec, spec.getRunners()));
        }
        // The CRD's CEL rules say the same at admission; checked here too for API servers that do not run them.
        String name = test.getMetadata().getName();
        if (name != null && (name.length() > LlmLoadTest.MAX_NAME_LENGTH || name.contains("."))) {
            violations.add(new Violation("metadata.name", "at most " + LlmLoadTest.MAX_NAME_LENGTH
                    + " characters and no '.': it names the runner pods' hostnames (<name>-runners-<index>)"));
        }
        var runners = spec.getRunners();
        if (runners != null) {
            if (runners.getReplicas() != null
                    && (runners.getReplicas() < 1 || runners.getReplicas() > RunnersSpec.MAX_REPLICAS)) {
                violations.add(new Violation("spec.runners.replicas", "must be between 1 and "
                        + RunnersSpec.MAX_REPLICAS));
            }
            if (runners.getStartTimeout() != null && Durations.parse(runners.getStartTimeout()).isEmpty()) {
                violations.add(new Violation("spec.runners.startTimeout",
                        "'" + runners.getStartTimeout() + "' " + Durations.HINT));
            }
            violations.addAll(RunnersValidation.check(runners));
        }
        if (spec.getCleanup() != null && spec.getCleanup().getTtlSecondsAfterFinished() != null
                && spec.getCleanup().getTtlSecondsAfterFinished() < 0) {
            violations.add(new Violation("spec.cleanup.ttlSecondsAfterFinished", "must be 0 or more"));
        }
        violations.addAll(GitOpsChecks.check(spec));
        violations.addAll(AccessChecks.check(test, policy));
        return violations;
    }

    /**
     * A capacity search across runners: every probe's total level is split as stages are (users dealt round-robin,
     * rates evenly). In the closed model the first probe must give every runner a user, or a runner would idle
     * through it; probes the search shrinks to later may leave some runners idle, the total stays exact.
     */
    private static List<Violation> searchChecks(LoadTestSpec spec, RunnersSpec runners) {
        int replicas = runners == null || runners.getReplicas() == null ? 1 : runners.getReplicas();
        var shape = spec.load().shape();
        if (!"open".equals(spec.load().model()) && shape.from() != null && shape.from() < replicas) {
            return List.of(new Violation("spec.load.shape.from", "the first probe's " + Math.round(shape.from())
                    + " user(s) cannot be shared by " + replicas + " runners: start from at least " + replicas
                    + " users, or lower spec.runners.replicas"));
        }
        return List.of();
    }
}
