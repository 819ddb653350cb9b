package io.llmload.runner.cli;

import io.llmload.runner.spec.DatasetPaths;
import io.llmload.runner.spec.InvalidManifestException;
import io.llmload.runner.spec.LlmLoadTest;
import io.llmload.runner.spec.LoadTestSpec;
import io.llmload.runner.spec.ManifestReader;
import io.llmload.runner.spec.ManifestValidator;
import io.llmload.runner.spec.TargetSpec;
import io.llmload.runner.spec.TlsSpec;
import io.llmload.runner.spec.TokenizerFileSpec;
import io.llmload.runner.spec.WorkloadSpec;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Reads a manifest, applies the command line's --target and --model overrides, and validates it for a local run.
 * Files the manifest names (datasets, TLS PEM files, a tokenizer.json) are taken relative to its directory.
 */
final class ManifestLoader {

    static final String EMBEDDED = "embedded";

    private ManifestLoader() {
    }

    static LlmLoadTest load(Path file, String targetOverride) throws InvalidManifestException {
        return load(file, targetOverride, null);
    }

    /** @param modelOverride {@code --model}: replaces spec.target.model (null: keep it) */
    static LlmLoadTest load(Path file, String targetOverride, String modelOverride) throws InvalidManifestException {
        return checked(file, test -> overridden(test, targetOverride, modelOverride),
                test -> ManifestValidator.Mode.LOCAL);
    }

    private static LlmLoadTest overridden(LlmLoadTest test, String targetOverride, String modelOverride) {
        if (targetOverride != null && test.spec() != null) {
            test = withTarget(test, targetOverride);
        }
        if (modelOverride != null && test.spec() != null) {
            TargetSpec t = TargetSpec.orEmpty(test.spec().target());
            test = withTargetSpec(test, t.withModel(modelOverride.trim()));
        }
        return test;
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
        WorkloadSpec workload = DatasetPaths.rewrite(test.spec().workload(),
                (type, dataset) -> relative(dir, dataset.path()));
        TokenizerFileSpec tokenizer = workload.tokenizerFile();
        if (tokenizer != null && relative(dir, tokenizer.path()) != null) {
            workload = workload.withTokenizerFile(tokenizer.atPath(relative(dir, tokenizer.path())));
        }
        LoadTestSpec spec = test.spec();
        TargetSpec target = spec.target();
        TlsSpec tls = target == null ? null : target.tls();
        if (tls != null) {
            target = target.withTls(new TlsSpec(orSame(relative(dir, tls.caFile()), tls.caFile()),
                    tls.caSecretRef(), tls.caConfigMapRef(),
                    orSame(relative(dir, tls.clientCertFile()), tls.clientCertFile()),
                    orSame(relative(dir, tls.clientKeyFile()), tls.clientKeyFile()), tls.clientCertSecretName(),
                    tls.insecureSkipVerify()));
        }
        return new LlmLoadTest(test.apiVersion(), test.kind(), test.metadata(),
                spec.withTarget(target).withWorkload(workload));
    }

    /** A relative file name taken from the manifest's directory; null when absolute, blank or not a path. */
    private static String relative(Path dir, String file) {
        try {
            return file == null || file.isBlank() || Path.of(file).isAbsolute() ? null
                    : dir.resolve(file).normalize().toString();
        } catch (InvalidPathException e) {
            return null; // Opening it says what is wrong with it.
        }
    }

    private static String orSame(String resolved, String original) {
        return resolved != null ? resolved : original;
    }

    /**
     * For {@code validate}: a manifest that targets an in-cluster Service (and no URL) is meant for the operator and
     * is checked as the operator would check it; any other as {@code run} would.
     */
    static ManifestValidator.Mode modeFor(LlmLoadTest test) {
        TargetSpec target = test.spec() == null ? TargetSpec.EMPTY : TargetSpec.orEmpty(test.spec().target());
        boolean clusterOnly = target.service() != null && (target.url() == null || target.url().isBlank());
        return clusterOnly || readsClusterDataset(test) || readsClusterSecrets(test) ? ManifestValidator.Mode.CLUSTER
                : ManifestValidator.Mode.LOCAL;
    }

    /** TLS files or header values from Secrets, or a tokenizer in a ConfigMap or volume: read in runner pods only. */
    private static boolean readsClusterSecrets(LlmLoadTest test) {
        TargetSpec target = TargetSpec.orEmpty(test.spec().target());
        TlsSpec tls = target.tls();
        boolean tlsFromCluster = tls != null && (tls.caSecretRef() != null || tls.caConfigMapRef() != null
                || tls.clientCertSecretName() != null);
        boolean headersFromSecrets = target.headerList().stream().anyMatch(h -> h != null && h.secretKeyRef() != null);
        TokenizerFileSpec tokenizer = test.spec().workload() == null ? null : test.spec().workload().tokenizerFile();
        return tlsFromCluster || headersFromSecrets || tokenizer != null && tokenizer.path() == null;
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

    /**
     * --target URL replaces url (and any service; a simulator block is then ignored); --target embedded forces the
     * simulator.
     */
    private static LlmLoadTest withTarget(LlmLoadTest test, String override) {
        TargetSpec t = TargetSpec.orEmpty(test.spec().target());
        boolean embedded = EMBEDDED.equals(override);
        return withTargetSpec(test, embedded ? t.withUrl(null).withModel(null) : t.withUrl(override));
    }

    private static LlmLoadTest withTargetSpec(LlmLoadTest test, TargetSpec target) {
        return new LlmLoadTest(test.apiVersion(), test.kind(), test.metadata(), test.spec().withTarget(target));
    }
}
