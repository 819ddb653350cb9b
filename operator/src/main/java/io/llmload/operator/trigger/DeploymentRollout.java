package io.llmload.operator.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * apps/v1 Deployment. Complete, as {@code kubectl rollout status} reads it: the controller has seen the latest
 * generation, every desired replica runs the new template, no old replica is left, and the updated ones are
 * available. A progress deadline exceeded means the rollout stopped.
 */
final class DeploymentRollout extends WorkloadType {

    DeploymentRollout() {
        super("apps/v1", "Deployment", "deployments");
    }

    static final String REVISION_ANNOTATION = "deployment.kubernetes.io/revision";

    @Override
    public RolloutState read(JsonNode object) {
        WorkloadRevision revision = revision(object);
        JsonNode status = object.path("status");
        Optional<RolloutState> unobserved = unobserved(object, revision);
        if (unobserved.isPresent()) {
            return unobserved.get();
        }
        if (object.path("spec").path("paused").asBoolean(false)) {
            return RolloutState.waiting("the rollout is paused", revision);
        }
        JsonNode progressing = ObjectFields.conditionNode(object, "Progressing");
        if (progressing != null && "ProgressDeadlineExceeded".equals(progressing.path("reason").asText())) {
            return RolloutState.failed("progress deadline exceeded: " + progressing.path("message").asText(),
                    revision);
        }
        long desired = ObjectFields.desiredReplicas(object);
        long updated = ObjectFields.count(status, "updatedReplicas");
        long replicas = ObjectFields.count(status, "replicas");
        long available = ObjectFields.count(status, "availableReplicas");
        if (updated < desired) {
            return RolloutState.waiting(updated + " of " + desired + " replicas updated", revision);
        }
        if (replicas > updated) {
            return RolloutState.waiting((replicas - updated) + " old replicas pending termination", revision);
        }
        if (available < updated) {
            return RolloutState.waiting(available + " of " + updated + " updated replicas available", revision);
        }
        return RolloutState.complete(revision);
    }

    static WorkloadRevision revision(JsonNode object) {
        JsonNode template = object.path("spec").path("template");
        var containers = ServingContainer.ofPodTemplate(template, "");
        return WorkloadRevision.of(Fingerprint.of(template), ObjectFields.generation(object),
                ObjectFields.text(object.path("metadata").path("annotations").path(REVISION_ANNOTATION)), containers);
    }
}
