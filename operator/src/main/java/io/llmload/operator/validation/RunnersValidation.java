package io.llmload.operator.validation;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.llmload.operator.api.v1alpha1.RunnersSpec;
import io.llmload.operator.dependent.Labels;
import io.llmload.runner.spec.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * spec.runners' pass-through fields must not take over what the operator relies on: its selector labels (it finds
 * runner pods and their Job by them), the runner's own environment variables (plan index, API key, header secrets,
 * JVM options for the read-only filesystem), and its volumes and mount paths (plan, /tmp, datasets, TLS, tokenizer).
 */
final class RunnersValidation {

    private static final Set<String> OWN_LABELS = Set.of(Labels.MANAGED_BY, Labels.TEST, "app.kubernetes.io/name");
    private static final Set<String> OWN_ENV = Set.of("JAVA_TOOL_OPTIONS", "JOB_COMPLETION_INDEX");
    private static final Set<String> OWN_VOLUMES = Set.of("plan", "tmp");
    private static final List<String> OWN_PATHS = List.of("/etc/llmload", "/tmp", "/var/run/llmload");

    private RunnersValidation() {
    }

    static List<Violation> check(RunnersSpec runners) {
        List<Violation> violations = new ArrayList<>();
        String p = "spec.runners";
        if (runners.getLabels() != null) {
            for (String key : runners.getLabels().keySet()) {
                if (OWN_LABELS.contains(key) || key.startsWith("batch.kubernetes.io/")) {
                    violations.add(new Violation(p + ".labels." + key, "is set by the operator (it selects the "
                            + "runner pods by it): use another label"));
                }
            }
        }
        List<EnvVar> env = runners.getEnv() == null ? List.of() : runners.getEnv();
        for (int i = 0; i < env.size(); i++) {
            String name = env.get(i) == null ? null : env.get(i).getName();
            if (name == null || name.isBlank()) {
                violations.add(new Violation(p + ".env[" + i + "].name", "required"));
            } else if (OWN_ENV.contains(name) || name.startsWith("LLMLOAD_")) {
                violations.add(new Violation(p + ".env[" + i + "].name", "'" + name + "' is the runner's own "
                        + "variable: choose another name"));
            }
        }
        Set<String> volumeNames = new HashSet<>();
        List<Volume> volumes = runners.getVolumes() == null ? List.of() : runners.getVolumes();
        for (int i = 0; i < volumes.size(); i++) {
            String name = volumes.get(i) == null ? null : volumes.get(i).getName();
            if (name == null || name.isBlank()) {
                violations.add(new Violation(p + ".volumes[" + i + "].name", "required"));
            } else if (OWN_VOLUMES.contains(name) || name.startsWith("dataset-") || name.startsWith("llmload-")) {
                violations.add(new Violation(p + ".volumes[" + i + "].name", "'" + name + "' is a volume of the "
                        + "operator's: choose another name"));
            } else if (!volumeNames.add(name)) {
                violations.add(new Violation(p + ".volumes[" + i + "].name", "duplicate volume '" + name + "'"));
            }
        }
        List<VolumeMount> mounts = runners.getVolumeMounts() == null ? List.of() : runners.getVolumeMounts();
        for (int i = 0; i < mounts.size(); i++) {
            VolumeMount m = mounts.get(i);
            String at = p + ".volumeMounts[" + i + "]";
            if (m == null || m.getName() == null || !volumeNames.contains(m.getName())) {
                violations.add(new Violation(at + ".name", "must name a volume of spec.runners.volumes"));
            }
            String path = m == null ? null : m.getMountPath();
            if (path == null || !path.startsWith("/")) {
                violations.add(new Violation(at + ".mountPath", "required: an absolute path"));
            } else if (OWN_PATHS.stream().anyMatch(own -> path.equals(own) || path.startsWith(own + "/")
                    || own.startsWith(path.endsWith("/") ? path : path + "/"))) {
                violations.add(new Violation(at + ".mountPath", "overlaps the runner's own " + String.join(", ",
                        OWN_PATHS) + ": choose another path"));
            }
        }
        return violations;
    }
}
