package io.llmload.operator.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;

/**
 * leaderworkerset.x-k8s.io/v1 LeaderWorkerSet (multi-node serving: one leader and its workers per group). Complete:
 * the latest generation observed, Available True for it, no update in progress, every group updated and ready, and
 * the surge groups of the update gone. Its revision is its leader/worker template (the controller labels pods and
 * StatefulSets with a hash of it, never the LeaderWorkerSet itself).
 */
final class LeaderWorkerSetRollout extends WorkloadType {

    LeaderWorkerSetRollout() {
        super("leaderworkerset.x-k8s.io/v1", "LeaderWorkerSet", "leaderworkersets");
    }

    @Override
    public RolloutState read(JsonNode object) {
        WorkloadRevision revision = revision(object);
        JsonNode status = object.path("status");
        Optional<RolloutState> unobserved = unobserved(object, revision);
        if (unobserved.isPresent()) {
            return unobserved.get();
        }
        if ("True".equals(ObjectFields.condition(object, "UpdateInProgress"))) {
            return RolloutState.waiting("a rolling update is in progress", revision);
        }
        JsonNode available = ObjectFields.conditionNode(object, "Available");
        if (available == null || !"True".equals(available.path("status").asText())) {
            return RolloutState.waiting("Available is " + (available == null ? "not reported"
                    : available.path("status").asText()), revision);
        }
        JsonNode seenBy = available.path("observedGeneration");
        if (seenBy.canConvertToLong() && revision.generation() != null && seenBy.asLong() < revision.generation()) {
            return RolloutState.waiting("Available describes generation " + seenBy.asLong() + ", not "
                    + revision.generation(), revision);
        }
        long desired = ObjectFields.desiredReplicas(object);
        long updated = ObjectFields.count(status, "updatedReplicas");
        long ready = ObjectFields.count(status, "readyReplicas");
        long groups = ObjectFields.count(status, "replicas");
        if (updated < desired) {
            return RolloutState.waiting(updated + " of " + desired + " groups updated", revision);
        }
        if (ready < desired) {
            return RolloutState.waiting(ready + " of " + desired + " groups ready", revision);
        }
        if (groups > desired) {
            return RolloutState.waiting((groups - desired) + " surge groups still running", revision);
        }
        return RolloutState.complete(revision);
    }

    static WorkloadRevision revision(JsonNode object) {
        JsonNode template = object.path("spec").path("leaderWorkerTemplate");
        List<ServingContainer> containers = new ArrayList<>();
        JsonNode leader = template.path("leaderTemplate");
        if (!leader.isMissingNode() && !leader.isNull()) {
            containers.addAll(ServingContainer.ofPodTemplate(leader, "leader/"));
            containers.addAll(ServingContainer.ofPodTemplate(template.path("workerTemplate"), "worker/"));
        } else {
            // Without a leader template, the leader runs the worker template too.
            containers.addAll(ServingContainer.ofPodTemplate(template.path("workerTemplate"), ""));
        }
        return WorkloadRevision.of(Fingerprint.of(template), ObjectFields.generation(object), null, containers);
    }
}
