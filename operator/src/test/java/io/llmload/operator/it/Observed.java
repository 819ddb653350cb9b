package io.llmload.operator.it;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.dependent.ReportConfigMap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** What a test reads back from the API server: a test's status (empty until written), conditions, events. */
final class Observed {

    private final KubernetesClient client;
    private final String namespace;

    Observed(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    LlmLoadTestStatus status(String name) {
        LlmLoadTest test = client.resources(LlmLoadTest.class).inNamespace(namespace).withName(name).get();
        return test == null || test.getStatus() == null ? new LlmLoadTestStatus() : test.getStatus();
    }

    static Condition condition(LlmLoadTestStatus status, String type) {
        return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }

    /**
     * The report JSON a finished test's status names. The report ConfigMap is written right after the final status
     * (the outcome is saved first), so it may take a moment to appear.
     */
    String reportJson(LlmLoadTestStatus status) {
        return reportJson(org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> client.configMaps().inNamespace(namespace).withName(status.getReportRef()).get(),
                        cm -> cm != null));
    }

    /** The report JSON the operator stored, gzip-compressed, in a report ConfigMap. */
    static String reportJson(ConfigMap configMap) {
        byte[] gzip = Base64.getDecoder().decode(configMap.getBinaryData().get(ReportConfigMap.KEY));
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> eventReasons(String name) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).map(Event::getReason).toList();
    }
}
