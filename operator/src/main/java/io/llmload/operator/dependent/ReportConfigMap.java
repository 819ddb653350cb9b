package io.llmload.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.servermetrics.ServerReport;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Stores the full report JSON in a ConfigMap owned by the test ({@code <test>-report}, key {@code report.json}).
 * ConfigMaps hold at most 1 MiB: a report that would not fit drops its timelines (the run's and the server's), then
 * its histograms (the status and the ConfigMap's {@code truncated} key say so) rather than failing to store the
 * results at all.
 */
@ApplicationScoped
public class ReportConfigMap {

    public static final String KEY = "report.json";
    static final int MAX_BYTES = 900 * 1024;

    /** Writes (or replaces) the report ConfigMap and returns its name. */
    public String save(KubernetesClient client, LlmLoadTest test, Report report) {
        String json = json(report);
        String truncated = null;
        if (json.length() > MAX_BYTES) {
            report = withoutTimeline(report);
            json = json(report);
            truncated = "timeline";
        }
        if (json.length() > MAX_BYTES) {
            report = withoutHistograms(report);
            json = json(report);
            truncated = "timeline,histograms";
        }
        String name = Labels.reportConfigMap(test);
        ConfigMapBuilder builder = new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(test.getMetadata().getNamespace())
                .withLabels(Labels.of(test))
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(test.getApiVersion())
                        .withKind(test.getKind()).withName(test.getMetadata().getName())
                        .withUid(test.getMetadata().getUid()).withController(false).build())
                .endMetadata()
                .withData(truncated == null ? Map.of(KEY, json) : Map.of(KEY, json, "truncated", truncated));
        ConfigMap configMap = builder.build();
        client.resource(configMap).createOr(NonDeletingOperation::update);
        return name;
    }

    private static String json(Report report) {
        try {
            return ReportFiles.toJson(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Report withoutTimeline(Report r) {
        Object server = r.server() instanceof ServerReport s ? s.withoutTimeline() : r.server();
        return new Report(r.name(), r.startTime(), r.endTime(), r.verdict(), r.outcome(), r.abortReason(), r.run(),
                r.overall(), r.stages(), r.requestTypes(), r.slo(), server, r.capacity(), r.cost(), null,
                r.histograms(), r.userRequests());
    }

    private static Report withoutHistograms(Report r) {
        return new Report(r.name(), r.startTime(), r.endTime(), r.verdict(), r.outcome(), r.abortReason(), r.run(),
                r.overall(), r.stages(), r.requestTypes(), r.slo(), r.server(), r.capacity(), r.cost(), r.timeline(),
                null, r.userRequests());
    }
}
