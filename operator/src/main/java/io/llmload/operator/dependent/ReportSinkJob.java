package io.llmload.operator.dependent;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.ReportPvcSpec;
import io.llmload.runner.report.StoredReports;
import java.util.HashMap;
import java.util.Map;

/**
 * spec.report.pvc: a one-pod Job per run that writes the run's report in every format (report.json, report.csv,
 * report.html) to the user's PersistentVolumeClaim, under {@code <path>/<test>/<run id>/}. The operator cannot mount
 * volumes itself, so the runner image's own CLI does it — {@code llmload report} on the run's report ConfigMap,
 * mounted read-only — which renders exactly what {@code llmload run} writes for a local run. The pod talks to nothing
 * (no API server, no network), runs hardened like the runners, and goes away 10 minutes after it finished.
 */
public final class ReportSinkJob {

    static final String REPORT_DIR = "/var/run/llmload/report";
    static final String SINK_DIR = "/var/run/llmload/sink";
    static final int TTL_SECONDS = 600;
    static final long DEADLINE_SECONDS = 300;

    private ReportSinkJob() {
    }

    public static String name(LlmLoadTest test, String runId) {
        return test.getMetadata().getName() + "-sink-" + runId;
    }

    /** Where the run's files land inside the volume. */
    static String directory(ReportPvcSpec pvc, String test, String runId) {
        String path = pvc.getPath() == null ? "" : pvc.getPath().replaceAll("^/+|/+$", "");
        return SINK_DIR + (path.isEmpty() ? "" : "/" + path) + "/" + test + "/" + runId;
    }

    public static Job desired(LlmLoadTest test, String runId, String reportConfigMap, ReportPvcSpec pvc, String image) {
        Map<String, String> labels = new HashMap<>(Labels.of(test));
        labels.put("app.kubernetes.io/name", "llmload-report-sink");
        labels.put(StoredReports.RUN_LABEL, runId);
        return new JobBuilder()
                .withNewMetadata()
                .withName(name(test, runId))
                .withNamespace(test.getMetadata().getNamespace())
                .withLabels(labels)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(test.getApiVersion())
                        .withKind(test.getKind()).withName(test.getMetadata().getName())
                        .withUid(test.getMetadata().getUid()).withController(false).build())
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(1)
                .withActiveDeadlineSeconds(DEADLINE_SECONDS)
                .withTtlSecondsAfterFinished(TTL_SECONDS)
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .addNewContainer()
                .withName("report")
                .withImage(image)
                .withArgs("report", REPORT_DIR + "/" + StoredReports.GZIP_KEY, "--out",
                        directory(pvc, test.getMetadata().getName(), runId))
                .addNewEnv().withName("JAVA_TOOL_OPTIONS").withValue(RunnerJobDependent.RUNNER_JVM_OPTIONS).endEnv()
                .withResources(RunnerJobDependent.resources(null))
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .addNewVolumeMount().withName("report").withMountPath(REPORT_DIR).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("sink").withMountPath(SINK_DIR).endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("report").withNewConfigMap().withName(reportConfigMap).endConfigMap()
                .endVolume()
                .addNewVolume().withName("sink").withNewPersistentVolumeClaim().withClaimName(pvc.getClaimName())
                .endPersistentVolumeClaim().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }
}
