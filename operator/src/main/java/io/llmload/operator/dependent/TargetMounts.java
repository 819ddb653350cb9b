package io.llmload.operator.dependent;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.runner.spec.HeaderSpec;
import io.llmload.runner.spec.TlsSpec;
import io.llmload.runner.spec.TokenizerFileSpec;
import io.llmload.runner.target.RequestHeaders;
import io.llmload.runner.worker.MountedFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the runner pods need besides datasets to reach a target as it is in a real cluster, derived from one spec so
 * that the Job and the plan agree: the TLS CA bundle (a Secret or ConfigMap key) and client certificate (a
 * kubernetes.io/tls Secret) and the model's tokenizer.json (a ConfigMap key or a file on a volume), each mounted
 * read-only under {@code /var/run/llmload}; and Secret-backed header values as environment variables
 * ({@link RequestHeaders#secretEnv}). The plan names only the mounted paths; the operator never reads a Secret.
 */
final class TargetMounts {

    static final String ROOT = "/var/run/llmload";

    /** A volume, where the runner container mounts it, and the file(s) it provides by role. */
    record Mount(Volume volume, VolumeMount volumeMount, Map<String, String> files) {
    }

    private TargetMounts() {
    }

    static List<Mount> of(LlmLoadTest test) {
        List<Mount> mounts = new ArrayList<>();
        TlsSpec tls = test.getSpec().getTarget() == null ? null : test.getSpec().getTarget().tls();
        if (tls != null) {
            caBundle(tls, mounts);
            if (tls.clientCertSecretName() != null) {
                String dir = ROOT + "/tls/client";
                Volume volume = new VolumeBuilder().withName("llmload-tls-client").withNewSecret()
                        .withSecretName(tls.clientCertSecretName())
                        .addNewItem().withKey("tls.crt").withPath("tls.crt").endItem()
                        .addNewItem().withKey("tls.key").withPath("tls.key").endItem()
                        .endSecret().build();
                mounts.add(new Mount(volume, mount("llmload-tls-client", dir), Map.of(
                        MountedFiles.TLS_CLIENT_CERT, dir + "/tls.crt", MountedFiles.TLS_CLIENT_KEY, dir + "/tls.key")));
            }
        }
        var workload = test.getSpec().getWorkload();
        TokenizerFileSpec tokenizer = workload == null ? null : workload.tokenizerFile();
        if (tokenizer != null) {
            tokenizer(tokenizer, mounts);
        }
        return mounts;
    }

    /** Role → file, for the plan. */
    static Map<String, String> files(LlmLoadTest test) {
        Map<String, String> files = new LinkedHashMap<>();
        of(test).forEach(m -> files.putAll(m.files()));
        return files;
    }

    /** The header values that come from Secrets, injected as the variables the runner reads them from. */
    static List<EnvVar> headerEnv(LlmLoadTest test) {
        List<EnvVar> env = new ArrayList<>();
        List<HeaderSpec> headers = test.getSpec().getTarget() == null ? List.of()
                : test.getSpec().getTarget().headerList();
        for (int i = 0; i < headers.size(); i++) {
            HeaderSpec h = headers.get(i);
            if (h != null && h.secretKeyRef() != null) {
                env.add(new EnvVarBuilder().withName(RequestHeaders.secretEnv(i)).withNewValueFrom()
                        .withNewSecretKeyRef().withName(h.secretKeyRef().name()).withKey(h.secretKeyRef().key())
                        .endSecretKeyRef().endValueFrom().build());
            }
        }
        return env;
    }

    private static void caBundle(TlsSpec tls, List<Mount> mounts) {
        String dir = ROOT + "/tls/ca";
        Volume volume;
        String key;
        if (tls.caSecretRef() != null) {
            key = tls.caSecretRef().key();
            volume = new VolumeBuilder().withName("llmload-tls-ca").withNewSecret()
                    .withSecretName(tls.caSecretRef().name()).addNewItem().withKey(key).withPath(key).endItem()
                    .endSecret().build();
        } else if (tls.caConfigMapRef() != null) {
            key = tls.caConfigMapRef().key();
            volume = new VolumeBuilder().withName("llmload-tls-ca").withNewConfigMap()
                    .withName(tls.caConfigMapRef().name()).addNewItem().withKey(key).withPath(key).endItem()
                    .endConfigMap().build();
        } else {
            return;
        }
        mounts.add(new Mount(volume, mount("llmload-tls-ca", dir), Map.of(MountedFiles.TLS_CA, dir + "/" + key)));
    }

    private static void tokenizer(TokenizerFileSpec tokenizer, List<Mount> mounts) {
        String dir = ROOT + "/tokenizer";
        if (tokenizer.configMapRef() != null) {
            String key = tokenizer.configMapRef().key();
            Volume volume = new VolumeBuilder().withName("llmload-tokenizer").withNewConfigMap()
                    .withName(tokenizer.configMapRef().name()).addNewItem().withKey(key).withPath(key).endItem()
                    .endConfigMap().build();
            mounts.add(new Mount(volume, mount("llmload-tokenizer", dir), Map.of(MountedFiles.TOKENIZER,
                    dir + "/" + key)));
        } else if (tokenizer.persistentVolumeClaim() != null) {
            Volume volume = new VolumeBuilder().withName("llmload-tokenizer").withNewPersistentVolumeClaim()
                    .withClaimName(tokenizer.persistentVolumeClaim().claimName()).withReadOnly(true)
                    .endPersistentVolumeClaim().build();
            mounts.add(new Mount(volume, mount("llmload-tokenizer", dir), Map.of(MountedFiles.TOKENIZER,
                    dir + "/" + tokenizer.persistentVolumeClaim().path())));
        }
    }

    private static VolumeMount mount(String name, String dir) {
        return new VolumeMountBuilder().withName(name).withMountPath(dir).withReadOnly(true).build();
    }
}
