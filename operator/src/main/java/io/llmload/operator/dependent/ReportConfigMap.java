package io.llmload.operator.dependent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.report.StoredReports;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Stores a run's full report in a ConfigMap of its own ({@code <test>-run-<run id>}, {@link StoredReports}, owned
 * by the test unless spec.report.retainAfterDelete): report.json gzip-compressed
 * under {@code binaryData} key {@value #KEY} (reports are mostly repeated JSON keys and compress ~10x). A ConfigMap
 * holds at most 1 MiB, so the compressed bytes must stay under {@link #MAX_BYTES}: a report that does not fit loses,
 * in this order, its timelines (the run's, the server's and the replicas'), its histograms, its request-type and
 * user-request sections, and at last everything but the whole-run figures and the autoscaling section with its
 * expectation rows — never the run itself. What was dropped is listed
 * under the data key {@value #TRUNCATED_KEY} and returned, so the status can say so. Trimming works on the JSON tree,
 * so it does not depend on the report's Java shape.
 */
@ApplicationScoped
public class ReportConfigMap {

    public static final String KEY = StoredReports.GZIP_KEY;
    public static final String TRUNCATED_KEY = StoredReports.TRUNCATED_KEY;
    /** 1 MiB is the API server's limit on a ConfigMap's data; the rest is margin for keys and metadata. */
    static final int MAX_BYTES = 900 * 1024;

    private record Trim(String dropped, Consumer<ObjectNode> apply) {
    }

    /** Cheapest loss first: what charts need, then what recomputation needs, then detail the status also lacks. */
    private static final List<Trim> TRIMS = List.of(
            new Trim("timeline", r -> {
                r.remove("timeline");
                if (r.get("server") instanceof ObjectNode server) {
                    server.remove("timeline");
                }
                if (r.get("autoscaling") instanceof ObjectNode autoscaling) {
                    autoscaling.remove("timeline");
                }
            }),
            new Trim("histograms", r -> r.remove("histograms")),
            new Trim("requestTypes", r -> {
                r.remove("requestTypes");
                r.remove("userRequests");
            }),
            new Trim("stages", r -> {
                List<JsonNode> kept = verdictRows(r.get("slo"));
                r.putArray("stages");
                r.putArray("slo").addAll(kept);
                r.remove("server");
                if (r.get("cost") instanceof ObjectNode cost) {
                    cost.remove("stages");
                }
            }));

    /** The compressed report and what had to be dropped to fit (empty: the whole report). */
    public record Packed(byte[] gzip, List<String> dropped) {
    }

    /** The name of the report ConfigMap and what the stored report lacks. */
    public record Saved(String name, List<String> dropped) {
    }

    /**
     * Writes (or replaces) a run's report ConfigMap, {@code <test>-run-<run id>}, labelled with the test and the run.
     * It is owned by the test (deleted with it) unless spec.report.retainAfterDelete: then it has no owner and is
     * labelled {@code llmload.io/retained=true}, so it outlives the test and is cleaned up by that label.
     */
    public Saved save(KubernetesClient client, LlmLoadTest test, String runId, Packed packed) {
        String name = StoredReports.configMapName(test.getMetadata().getName(), runId);
        boolean retained = test.getSpec().getReport() != null && test.getSpec().getReport().retained();
        Map<String, String> labels = new HashMap<>(Labels.of(test));
        labels.put(StoredReports.RUN_LABEL, runId);
        if (retained) {
            labels.put(StoredReports.RETAINED_LABEL, "true");
        }
        ConfigMapBuilder builder = new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(test.getMetadata().getNamespace())
                .withLabels(labels)
                .withOwnerReferences(retained ? List.of() : List.of(new OwnerReferenceBuilder()
                        .withApiVersion(test.getApiVersion()).withKind(test.getKind())
                        .withName(test.getMetadata().getName()).withUid(test.getMetadata().getUid())
                        .withController(false).build()))
                .endMetadata()
                .withBinaryData(Map.of(KEY, Base64.getEncoder().encodeToString(packed.gzip())));
        if (!packed.dropped().isEmpty()) {
            builder.withData(Map.of(TRUNCATED_KEY, String.join(",", packed.dropped())));
        }
        client.resource(builder.build()).createOr(NonDeletingOperation::update);
        return new Saved(name, packed.dropped());
    }

    /** Deletes the report ConfigMaps of runs pruned from the history. */
    public void delete(KubernetesClient client, LlmLoadTest test, List<String> names) {
        for (String name : names) {
            client.configMaps().inNamespace(test.getMetadata().getNamespace()).withName(name).delete();
        }
    }

    /** The report as gzip bytes under {@link #MAX_BYTES}, trimmed as little as needed. */
    public static Packed pack(Report report) {
        return pack((ObjectNode) ReportFiles.mapper().valueToTree(report));
    }

    static Packed pack(ObjectNode tree) {
        byte[] gzip = ReportFiles.gzip(tree);
        List<String> dropped = new ArrayList<>();
        for (int i = 0; i < TRIMS.size() && gzip.length > MAX_BYTES; i++) {
            TRIMS.get(i).apply().accept(tree);
            dropped.add(TRIMS.get(i).dropped());
            gzip = ReportFiles.gzip(tree);
        }
        return new Packed(gzip, List.copyOf(dropped));
    }

    /** Reads a report ConfigMap back (what {@code kubectl get cm -o jsonpath='{.binaryData...}' | base64 -d} gives). */
    public static Report read(ConfigMap configMap) {
        String encoded = configMap.getBinaryData() == null ? null : configMap.getBinaryData().get(KEY);
        if (encoded == null) {
            throw new IllegalArgumentException("ConfigMap " + configMap.getMetadata().getName() + " holds no "
                    + KEY);
        }
        try {
            return ReportFiles.read(Base64.getDecoder().decode(encoded));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows the verdict rests on: the whole run's and spec.autoscaling's expectations (scope autoscaling). */
    private static List<JsonNode> verdictRows(JsonNode slo) {
        List<JsonNode> overall = new ArrayList<>();
        if (slo != null) {
            slo.forEach(r -> {
                String scope = r.path("scope").asText();
                if ("overall".equals(scope) || "autoscaling".equals(scope)) {
                    overall.add(r);
                }
            });
        }
        return overall;
    }
}
