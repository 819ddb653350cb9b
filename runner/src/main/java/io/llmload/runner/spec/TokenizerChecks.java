package io.llmload.runner.spec;

import java.util.List;

/** spec.workload.tokenizerFile: exactly one source, a local file only from the CLI, mounts only in a cluster. */
final class TokenizerChecks extends Checks {

    private TokenizerChecks() {
    }

    static List<Violation> check(WorkloadSpec workload, ManifestValidator.Mode mode) {
        TokenizerChecks checks = new TokenizerChecks();
        TokenizerFileSpec file = workload.tokenizerFile();
        if (file == null) {
            return checks.violations;
        }
        String p = "spec.workload.tokenizerFile";
        if (workload.tokenizer() != null) {
            checks.add("spec.workload.tokenizer", "set either tokenizer (a name) or tokenizerFile, not both");
        }
        int sources = (file.path() != null ? 1 : 0) + (file.configMapRef() != null ? 1 : 0)
                + (file.persistentVolumeClaim() != null ? 1 : 0);
        if (sources != 1) {
            checks.add(p, "set exactly one of path (CLI), configMapRef or persistentVolumeClaim (operator)");
            return checks.violations;
        }
        if (file.path() != null) {
            if (blank(file.path())) {
                checks.add(p + ".path", "required: the tokenizer.json file");
            } else if (mode == ManifestValidator.Mode.CLUSTER) {
                checks.add(p + ".path", "a local file is not visible to runner pods: put tokenizer.json in a "
                        + "ConfigMap (configMapRef) or on a volume (persistentVolumeClaim)");
            }
        } else if (mode == ManifestValidator.Mode.LOCAL) {
            checks.add(p, "ConfigMaps and volumes are read only by runner pods (operator): use tokenizerFile.path "
                    + "with the CLI");
        } else if (file.configMapRef() != null) {
            if (blank(file.configMapRef().name()) || blank(file.configMapRef().key())) {
                checks.add(p + ".configMapRef", "needs both name and key");
            }
        } else {
            PvcFileRef ref = file.persistentVolumeClaim();
            if (blank(ref.claimName())) {
                checks.add(p + ".persistentVolumeClaim.claimName", "required: the claim's name");
            }
            if (blank(ref.path()) || ref.path().startsWith("/") || ref.path().contains("..")) {
                checks.add(p + ".persistentVolumeClaim.path", "must be a path inside the volume, relative and "
                        + "without '..'");
            }
        }
        return checks.violations;
    }
}
