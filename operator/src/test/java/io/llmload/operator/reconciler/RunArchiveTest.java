package io.llmload.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestSpec;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.api.v1alpha1.RunRecord;
import io.llmload.operator.dependent.ReportConfigMap;
import io.llmload.operator.events.EventRecorder;
import io.llmload.operator.history.RunIds;
import io.llmload.operator.history.RunRecords;
import io.llmload.operator.history.TestReports;
import io.llmload.runner.report.Report;
import io.llmload.runner.spec.RegressionSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A report written again after an operator stopped between the final status and the report ConfigMap is the report
 * the status describes: judged against the same earlier runs, with the same regression rows and verdict.
 */
@EnableKubernetesMockClient(crud = true)
class RunArchiveTest {

    KubernetesClient client;

    @Test
    void aReportWrittenAgainCarriesTheRegressionOfItsFirstWriting() {
        LlmLoadTest test = new LlmLoadTest();
        test.setMetadata(new ObjectMetaBuilder().withName("chat").withNamespace("models").withUid("u-1").build());
        LlmLoadTestSpec spec = new LlmLoadTestSpec();
        spec.setRegression(new RegressionSpec(null, null, null, Map.of("ttftP99", "+10%")));
        test.setSpec(spec);
        // The earlier run passed with TTFT p99 400 ms; this one measured 500 ms (+25 %).
        RunRecord earlier = RunRecords.of("r1", RunRecord.TRIGGER_CREATED, null, null, false, "t0", "t1", "Succeeded",
                TestReports.report("Pass", 200, 400, 10, 4), null, "chat-run-r1");
        Instant start = Instant.parse("2026-12-03T10:00:00Z");
        String runId = RunIds.of(start);
        LlmLoadTestStatus status = new LlmLoadTestStatus();
        status.setStartTime(start.toString());
        // The final status already lists this run (written before the report), and the earlier one.
        RunRecord current = RunRecords.of(runId, RunRecord.TRIGGER_ROLLOUT, null, null, false, start.toString(), "t3",
                "Succeeded", TestReports.report("Pass", 200, 500, 10, 4), null, RunIds.reportConfigMap("chat", runId));
        status.setHistory(List.of(current, earlier));
        Report measured = TestReports.report("Pass", 200, 500, 10, 4);

        new RunArchive(new ReportConfigMap(), new EventRecorder()).storeReport(client, test, status, measured);

        Report stored = ReportConfigMap.read(client.configMaps().inNamespace("models")
                .withName(RunIds.reportConfigMap("chat", runId)).get());
        assertThat(stored.verdict()).isEqualTo("Breach");
        assertThat(stored.slo()).filteredOn(r -> r.metric().equals("regression ttftP99")).singleElement()
                .satisfies(r -> {
                    assertThat(r.observed()).isEqualTo(500.0);
                    assertThat(r.met()).isFalse();
                    assertThat(r.target()).isEqualTo("+10% vs 400 (the previous passing run r1)");
                });
    }
}
