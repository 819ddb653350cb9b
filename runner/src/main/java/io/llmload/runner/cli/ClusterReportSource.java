package io.llmload.runner.cli;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.report.StoredReports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds a run's report in the cluster: the test's status names each run's report ConfigMap (status.history) and the
 * latest one (status.reportRef); a test deleted with its reports retained is found by the reports' labels.
 */
final class ClusterReportSource {

    static final ResourceDefinitionContext LLMLOADTESTS = new ResourceDefinitionContext.Builder()
            .withGroup("llmload.io").withVersion("v1alpha1").withKind("LlmLoadTest").withPlural("llmloadtests")
            .withNamespaced(true).build();

    /** A report read from the cluster: where it came from, and report.json's bytes as stored. */
    record Fetched(String namespace, String test, String runId, String configMap, byte[] json, String truncated) {
    }

    private ClusterReportSource() {
    }

    /**
     * @param ref {@code NAMESPACE/NAME}, or {@code NAME} in the kubeconfig's namespace
     * @param runId a run id from status.history, or null for the latest run
     */
    static Fetched fetch(KubernetesClient client, String ref, String runId) {
        int slash = ref.indexOf('/');
        String namespace = slash > 0 ? ref.substring(0, slash)
                : client.getNamespace() != null ? client.getNamespace() : "default";
        String name = slash > 0 ? ref.substring(slash + 1) : ref;
        if (name.isBlank() || name.contains("/")) {
            throw new UserInputException("--cluster: '" + ref + "' is not [NAMESPACE/]NAME");
        }
        GenericKubernetesResource test = client.genericKubernetesResources(LLMLOADTESTS).inNamespace(namespace)
                .withName(name).get();
        String where = namespace + "/" + name;
        String configMap;
        String run = runId;
        if (test != null) {
            List<Map<String, Object>> history = history(test);
            if (runId != null) {
                configMap = history.stream().filter(h -> runId.equals(h.get("id"))).findFirst()
                        .map(h -> (String) h.get("reportConfigMap"))
                        .orElseGet(() -> retainedRun(client, namespace, name, runId));
                if (configMap == null) {
                    throw new UserInputException("run " + runId + " of " + where + " not found (runs kept: "
                            + ids(history) + ")");
                }
            } else {
                Object reportRef = status(test).get("reportRef");
                if (reportRef == null) {
                    throw new UserInputException(where + " has no report yet (phase " + status(test).get("phase")
                            + ")");
                }
                configMap = reportRef.toString();
                run = history.stream().filter(h -> configMap.equals(h.get("reportConfigMap"))).findFirst()
                        .map(h -> (String) h.get("id")).orElse("latest");
            }
        } else {
            ConfigMap retained = retained(client, namespace, name, runId);
            configMap = retained.getMetadata().getName();
            run = retained.getMetadata().getLabels().getOrDefault(StoredReports.RUN_LABEL, "latest");
        }
        ConfigMap cm = client.configMaps().inNamespace(namespace).withName(configMap).get();
        if (cm == null) {
            throw new UserInputException("the report ConfigMap " + namespace + "/" + configMap + " of " + where
                    + " is gone");
        }
        return new Fetched(namespace, name, run, configMap, json(cm, namespace + "/" + configMap),
                cm.getData() == null ? null : cm.getData().get(StoredReports.TRUNCATED_KEY));
    }

    /** report.json's bytes: gzip under binaryData, or plain under data. */
    static byte[] json(ConfigMap cm, String where) {
        if (cm.getBinaryData() != null && cm.getBinaryData().get(StoredReports.GZIP_KEY) != null) {
            byte[] gzip = Base64.getDecoder().decode(cm.getBinaryData().get(StoredReports.GZIP_KEY));
            try {
                return ReportFiles.json(gzip);
            } catch (IOException e) {
                throw new UserInputException(where + ": " + StoredReports.GZIP_KEY + " is not gzip (" + e.getMessage()
                        + ")");
            }
        }
        if (cm.getData() != null && cm.getData().get(StoredReports.JSON_KEY) != null) {
            return cm.getData().get(StoredReports.JSON_KEY).getBytes(StandardCharsets.UTF_8);
        }
        throw new UserInputException(where + " holds no report (no " + StoredReports.GZIP_KEY + " or "
                + StoredReports.JSON_KEY + ")");
    }

    /** A pruned or retained run's ConfigMap, found by its labels; null when there is none. */
    private static String retainedRun(KubernetesClient client, String namespace, String test, String runId) {
        return client.configMaps().inNamespace(namespace).withLabel(StoredReports.TEST_LABEL, test)
                .withLabel(StoredReports.RUN_LABEL, runId).list().getItems().stream().findFirst()
                .map(cm -> cm.getMetadata().getName()).orElse(null);
    }

    /** The deleted test's kept reports: the run asked for, or the latest. */
    private static ConfigMap retained(KubernetesClient client, String namespace, String test, String runId) {
        List<ConfigMap> kept = new ArrayList<>(client.configMaps().inNamespace(namespace)
                .withLabel(StoredReports.TEST_LABEL, test).withLabel(StoredReports.RUN_LABEL).list().getItems());
        if (kept.isEmpty()) {
            throw new UserInputException("no LlmLoadTest " + namespace + "/" + test + ", and no reports of it kept");
        }
        kept.sort(Comparator.comparing((ConfigMap cm) -> cm.getMetadata().getLabels().get(StoredReports.RUN_LABEL))
                .reversed());
        if (runId == null) {
            return kept.get(0);
        }
        return kept.stream().filter(cm -> runId.equals(cm.getMetadata().getLabels().get(StoredReports.RUN_LABEL)))
                .findFirst().orElseThrow(() -> new UserInputException("run " + runId + " of the deleted test "
                        + namespace + "/" + test + " not found (reports kept: " + String.join(", ", kept.stream()
                                .map(cm -> cm.getMetadata().getLabels().get(StoredReports.RUN_LABEL)).toList()) + ")"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> status(GenericKubernetesResource test) {
        Object status = test.getAdditionalProperties().get("status");
        return status instanceof Map ? (Map<String, Object>) status : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> history(GenericKubernetesResource test) {
        Object history = status(test).get("history");
        return history instanceof List ? (List<Map<String, Object>>) history : List.of();
    }

    private static String ids(List<Map<String, Object>> history) {
        return history.isEmpty() ? "none" : String.join(", ", history.stream().map(h -> String.valueOf(h.get("id")))
                .toList());
    }
}
