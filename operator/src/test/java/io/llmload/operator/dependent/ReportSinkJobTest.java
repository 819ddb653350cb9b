package io.llmload.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.ReportPvcSpec;
import io.llmload.runner.cli.Main;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The report sink Job: the runner CLI's report command on the mounted report ConfigMap, writing under
 * path/test/run on the claim, as a hardened pod that reaches nothing.
 */
class ReportSinkJobTest {

    @Test
    void theSinkPodRendersTheMountedReportIntoTheClaimUnderPathTestRun() {
        LlmLoadTest test = Serialization.unmarshal("""
                apiVersion: llmload.io/v1alpha1
                kind: LlmLoadTest
                metadata: {name: nightly, namespace: models, uid: 1234}
                spec: {}
                """, LlmLoadTest.class);
        ReportPvcSpec pvc = new ReportPvcSpec();
        pvc.setClaimName("reports");
        pvc.setPath("/chat/");
        Job job = ReportSinkJob.desired(test, "20260111-030004", "nightly-run-20260111-030004", pvc, "img:1");

        assertThat(job.getMetadata().getName()).isEqualTo("nightly-sink-20260111-030004");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo("1234"));
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(600);
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        var container = pod.getContainers().get(0);
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        List<String> args = container.getArgs();
        assertThat(args).containsExactly("report", "/var/run/llmload/report/report.json.gz", "--out",
                "/var/run/llmload/sink/chat/nightly/20260111-030004");
        // A real command line of the runner's CLI.
        CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args.toArray(String[]::new));
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("report");
        assertThat(pod.getVolumes()).extracting(v -> v.getName()).containsExactly("report", "sink", "tmp");
        assertThat(pod.getVolumes().get(0).getConfigMap().getName()).isEqualTo("nightly-run-20260111-030004");
        assertThat(pod.getVolumes().get(1).getPersistentVolumeClaim().getClaimName()).isEqualTo("reports");
    }
}
