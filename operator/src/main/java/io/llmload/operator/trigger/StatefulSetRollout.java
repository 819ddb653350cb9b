package io.llmload.operator.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * apps/v1 StatefulSet. Complete, as {@code kubectl rollout status} reads it: the latest generation seen, every pod
 * at the update revision (currentRevision caught up with updateRevision; with a partition, the pods above it
 * updated), and every replica ready.
 */
final class StatefulSetRollout extends WorkloadType {

    StatefulSetRollout() {
        super("apps/v1", "StatefulSet", "statefulsets");
    }

    @Override
    public RolloutState read(JsonNode object) {
        JsonNode status = object.path("status");
        JsonNode template = object.path("spec").path("template");
        var containers = ServingContainer.ofPodTemplate(template, "");
        String updateRevision = ObjectFields.text(status.path("updateRevision"));
        WorkloadRevision revision = WorkloadRevision.of(Fingerprint.of(template), ObjectFields.generation(object),
                updateRevision, containers);
        Optional<RolloutState> unobserved = unobserved(object, revision);
        if (unobserved.isPresent()) {
            return unobserved.get();
        }
        long desired = ObjectFields.desiredReplicas(object);
        long updated = ObjectFields.count(status, "updatedReplicas");
        long ready = ObjectFields.count(status, "readyReplicas");
        long partition = object.path("spec").path("updateStrategy").path("rollingUpdate").path("partition").asLong(0);
        if (partition > 0) {
            if (updated < desired - partition) {
                return RolloutState.waiting(updated + " of " + (desired - partition) + " pods above the partition "
                        + "updated", revision);
            }
        } else if (updateRevision == null || !updateRevision.equals(ObjectFields.text(status.path("currentRevision")))) {
            // The controller moves currentRevision to updateRevision once every pod runs it.
            return RolloutState.waiting(updated + " of " + desired + " pods at revision " + updateRevision, revision);
        }
        if (ready < desired) {
            return RolloutState.waiting(ready + " of " + desired + " replicas ready", revision);
        }
        return RolloutState.complete(revision);
    }
}
