package io.llmload.operator.events;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Emits Kubernetes Events on a test (Started, StageCompleted, Completed, Breached, Failed, InvalidSpec...). */
@ApplicationScoped
public class EventRecorder {

    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

    public void normal(KubernetesClient client, LlmLoadTest test, String reason, String message) {
        emit(client, test, "Normal", reason, message);
    }

    public void warning(KubernetesClient client, LlmLoadTest test, String reason, String message) {
        emit(client, test, "Warning", reason, message);
    }

    private void emit(KubernetesClient client, LlmLoadTest test, String type, String reason, String message) {
        var meta = test.getMetadata();
        String now = Instant.now().toString();
        var event = new EventBuilder()
                .withNewMetadata()
                .withName(meta.getName() + "." + UUID.randomUUID().toString().substring(0, 8))
                .withNamespace(meta.getNamespace())
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(test.getApiVersion())
                        .withKind(test.getKind()).withName(meta.getName()).withNamespace(meta.getNamespace())
                        .withUid(meta.getUid()).build())
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource().withComponent("llmload-operator").endSource()
                .build();
        try {
            client.v1().events().inNamespace(meta.getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            // An event is a courtesy: never fail a reconcile over it.
            LOG.debugf("could not record event %s on %s: %s", reason, meta.getName(), e.getMessage());
        }
    }
}
