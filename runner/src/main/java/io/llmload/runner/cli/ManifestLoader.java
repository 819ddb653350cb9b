package io.llmload.runner.cli;

import io.llmload.runner.spec.DatasetPaths;
import io.llmload.runner.spec.InvalidManifestException;
import io.llmload.runner.spec.LlmLoadTest;
import io.llmload.runner.spec.LoadTestSpec;
import io.llmload.runner.spec.ManifestReader;
import io.llmload.runner.spec.ManifestValidator;
import io.llmload.runner.spec.TargetSpec;
import io.llmload.runner.spec.WorkloadSpec;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Reads a manifest, applies the command line's --target override, and validates it for a local run. */
final class ManifestLoader {

    static final String EMBEDDED = "embedded";

    private ManifestLoader() {
    }

    static LlmLoadTest load(Path file, String targetOverride) throws InvalidManifestException {
        return checked(file, test -> targetOverride != null && test.spec() != null
                ? withTarget(test, targetOverride) : test, test -> ManifestValidator.Mode.LOCAL);
    }

    /** For {@code validate}: read and checked in the mode the manifest is meant for ({@link #modeFor}). */
    static LlmLoadTest validated(Path file) throws InvalidManifestException {
        return checked(file, UnaryOperator.identity(), ManifestLoader::modeFor);
    }

    /**
     * Reads and checks a manifest, reporting every problem at once: structural ones (unknown fields, wrong types)
     * together with the meaning checks of whatever could be read.
     */
    private static LlmLoadTest checked(Path file, UnaryOperator<LlmLoadTest> adjust,
            Function<LlmLoadTest, ManifestValidator.Mode> mode) throws InvalidManifestException {
        LlmLoadTest test;
        try {
            test = adjust.apply(read(file));
        } catch (InvalidManifestException e) {
            if (e.partial() == null) {
                throw e;
            }
            LlmLoadTest partial = adjust.apply(e.partial());
            throw ManifestValidator.withMeaningChecks(new InvalidManifestException(e.violations(), partial),
                    mode.apply(partial));
        }
        ManifestValidator.requireValid(test, mode.apply(test));
        return test;
    }

    /** Reads a manifest with its datasets' relative paths taken from the manifest's directory. */
    static LlmLoadTest read(Path file) throws InvalidManifestException {
        try {
            return withDatasetPaths(ManifestReader.read(file), file);
        } catch (InvalidManifestException e) {
            throw e.partial() == null ? e
                    : new InvalidManifestException(e.violations(), withDatasetPaths(e.partial(), file));
        }
    }

    private static LlmLoadTest withDatasetPaths(LlmLoadTest test, Path file) {
        if (test.spec() == null || test.spec().workload() == null) {
            return test;
        }
        Path dir = file.toAbsolutePath().getParent();
        WorkloadSpec workload = DatasetPaths.rewrite(test.spec().workload(), (type, dataset) -> {
            try {
                return dataset.path() == null || dataset.path().isBlank() || Path.of(dataset.path()).isAbsolute()
                        ? null : dir.resolve(dataset.path()).normalize().toString();
            } catch (InvalidPathException e) {
                return null; // Opening it says what is wrong with it.
            }
        });
        LoadTestSpec spec = test.spec();
        return new LlmLoadTest(test.apiVersion(), test.kind(), test.metadata(), new LoadTestSpec(spec.target(),
                workload, spec.load(), spec.slo(), spec.guardrails(), spec.cost()));
    }

    /**
     * For {@code validate}: a manifest that targets an in-cluster Service (and no URL) is meant for the operator and
     * is checked as the operator would check it; any other as {@code run} would.
     */
    static ManifestValidator.Mode modeFor(LlmLoadTest test) {
        TargetSpec target = test.spec() == null ? TargetSpec.EMPTY : TargetSpec.orEmpty(test.spec().target());
        boolean clusterOnly = target.service() != null && (target.url() == null || target.url().isBlank());
        return clusterOnly || readsClusterDataset(test) ? ManifestValidator.Mode.CLUSTER
                : ManifestValidator.Mode.LOCAL;
    }

    /** A dataset in a ConfigMap or on a volume is read in runner pods only: such a manifest is the operator's. */
    private static boolean readsClusterDataset(LlmLoadTest test) {
        if (test.spec() == null || test.spec().workload() == null || test.spec().workload().mix() == null) {
            return false;
        }
        return test.spec().workload().mix().stream()
                .map(type -> type == null || type.prompt() == null ? null : type.prompt().dataset())
                .anyMatch(d -> d != null && d.path() == null
                        && (d.configMapRef() != null || d.persistentVolumeClaim() != null));
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
