package io.llmload.runner.cli;

import io.llmload.runner.spec.InvalidManifestException;
import io.llmload.runner.spec.LlmLoadTest;
import io.llmload.runner.spec.LoadTestSpec;
import io.llmload.runner.spec.ManifestReader;
import io.llmload.runner.spec.ManifestValidator;
import io.llmload.runner.spec.TargetSpec;
import java.nio.file.Path;

/** Reads a manifest, applies the command line's --target override, and validates it for a local run. */
final class ManifestLoader {

    static final String EMBEDDED = "embedded";

    private ManifestLoader() {
    }

    static LlmLoadTest load(Path file, String targetOverride) throws InvalidManifestException {
        LlmLoadTest test = ManifestReader.read(file);
        if (targetOverride != null && test.spec() != null) {
            test = withTarget(test, targetOverride);
        }
        ManifestValidator.requireValid(test, ManifestValidator.Mode.LOCAL);
        return test;
    }

    /**
     * For {@code validate}: a manifest that targets an in-cluster Service (and no URL) is meant for the operator and
     * is checked as the operator would check it; any other as {@code run} would.
     */
    static ManifestValidator.Mode modeFor(LlmLoadTest test) {
        TargetSpec target = test.spec() == null ? TargetSpec.EMPTY : TargetSpec.orEmpty(test.spec().target());
        boolean clusterOnly = target.service() != null && (target.url() == null || target.url().isBlank());
        return clusterOnly ? ManifestValidator.Mode.CLUSTER : ManifestValidator.Mode.LOCAL;
    }

    /** --target URL replaces url (and any service); --target embedded forces the simulator. */
    private static LlmLoadTest withTarget(LlmLoadTest test, String override) {
        LoadTestSpec spec = test.spec();
        TargetSpec t = TargetSpec.orEmpty(spec.target());
        boolean embedded = EMBEDDED.equals(override);
        TargetSpec target = new TargetSpec(embedded ? null : override, null, embedded ? null : t.model(),
                t.apiKeyEnv(), t.apiKeySecretRef(), t.timeout(), t.maxConnections(), t.simulator(), t.metrics());
        return new LlmLoadTest(test.apiVersion(), test.kind(), test.metadata(),
                new LoadTestSpec(target, spec.workload(), spec.load(), spec.slo(), spec.guardrails(), spec.cost()));
    }
}
