package io.llmload.runner.worker;

import io.llmload.runner.spec.LoadTestSpec;
import io.llmload.runner.spec.TargetSpec;
import io.llmload.runner.spec.TlsSpec;
import io.llmload.runner.spec.TokenizerFileSpec;
import io.llmload.runner.spec.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The roles of the files the operator mounts into runner pods besides datasets ({@link WorkerPlan#mountedFiles()}),
 * and how a runner points its spec at them: a Secret's or ConfigMap's file replaces the reference the user wrote.
 */
public final class MountedFiles {

    public static final String TLS_CA = "tls.ca";
    public static final String TLS_CLIENT_CERT = "tls.clientCert";
    public static final String TLS_CLIENT_KEY = "tls.clientKey";
    public static final String TOKENIZER = "tokenizer";

    private MountedFiles() {
    }

    /** The spec as this runner reads it: TLS files and the tokenizer at their mount paths. */
    static LoadTestSpec apply(LoadTestSpec spec, Map<String, String> files) {
        TargetSpec target = spec.target();
        TlsSpec tls = target == null ? null : target.tls();
        if (tls != null && (tls.caSecretRef() != null || tls.caConfigMapRef() != null
                || tls.clientCertSecretName() != null)) {
            target = target.withTls(tls.atFiles(files.get(TLS_CA), files.get(TLS_CLIENT_CERT),
                    files.get(TLS_CLIENT_KEY)));
        }
        WorkloadSpec workload = spec.workload();
        TokenizerFileSpec tokenizer = workload == null ? null : workload.tokenizerFile();
        if (tokenizer != null && tokenizer.path() == null) {
            workload = workload.withTokenizerFile(tokenizer.atPath(files.get(TOKENIZER)));
        }
        // withTarget/withWorkload keep the sections not touched here (spec.autoscaling: the interval cells).
        return spec.withTarget(target).withWorkload(workload);
    }

    /** Every Secret, ConfigMap or volume the spec references needs the file the operator mounted for it. */
    static List<String> problems(LoadTestSpec spec, Map<String, String> files) {
        List<String> problems = new ArrayList<>();
        TlsSpec tls = spec.target() == null ? null : spec.target().tls();
        if (tls != null && (tls.caSecretRef() != null || tls.caConfigMapRef() != null)) {
            require(files, TLS_CA, problems);
        }
        if (tls != null && tls.clientCertSecretName() != null) {
            require(files, TLS_CLIENT_CERT, problems);
            require(files, TLS_CLIENT_KEY, problems);
        }
        TokenizerFileSpec tokenizer = spec.workload() == null ? null : spec.workload().tokenizerFile();
        if (tokenizer != null && tokenizer.path() == null) {
            require(files, TOKENIZER, problems);
        }
        return problems;
    }

    private static void require(Map<String, String> files, String role, List<String> problems) {
        String file = files.get(role);
        if (file == null || file.isBlank()) {
            problems.add("mountedFiles: no mounted file for " + role);
        }
    }
}
