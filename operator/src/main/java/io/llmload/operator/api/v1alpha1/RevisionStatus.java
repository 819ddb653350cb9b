package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.llmload.operator.trigger.ServingContainer;
import io.llmload.operator.trigger.WorkloadRevision;
import java.util.List;

/**
 * A revision of the workload a test follows (spec.trigger.onRollout), as a run recorded it: enough to tell the
 * next revision apart and say what changed (images, model, flags).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RevisionStatus(
        @JsonPropertyDescription("Hash of what defines the revision (the pod template): a new one is a new revision.")
        String fingerprint,
        @JsonPropertyDescription("The workload's own name for it, when it has one (Deployment revision number, "
                + "StatefulSet updateRevision, KServe latestReadyRevision).")
        String name,
        @JsonPropertyDescription("metadata.generation of the workload.")
        Long generation,
        @JsonPropertyDescription("The model served (--model, vllm serve MODEL, --model-path, --model-id, storageUri).")
        String model,
        @Size(max = MAX_CONTAINERS)
        @JsonPropertyDescription("Containers: name, image and command line.")
        List<Container> containers,
        @Size(max = MAX_CHANGES)
        @JsonPropertyDescription("What changed from the revision of the run before: images, model, flags, containers.")
        List<String> changes) {

    static final int MAX_CONTAINERS = 16;
    static final int MAX_ARGS = 64;
    static final int MAX_ARG_LENGTH = 256;
    static final int MAX_CHANGES = 16;

    /** A container of the revision. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Container(
            @JsonPropertyDescription("Container name (leader/ or worker/ prefixed for a LeaderWorkerSet, the "
                    + "component for an InferenceService).") String name,
            @JsonPropertyDescription("Image.") String image,
            @Size(max = MAX_ARGS)
            @JsonPropertyDescription("Command and arguments (each cut at 256 characters, at most 64).")
            List<String> args) {
    }

    /** @param changes what changed since the previously tested revision (empty or null for none known) */
    public static RevisionStatus of(WorkloadRevision revision, List<String> changes) {
        if (revision == null) {
            return null;
        }
        List<Container> containers = revision.containers().stream().limit(MAX_CONTAINERS)
                .map(c -> new Container(c.name(), c.image(), c.args().isEmpty() ? null : c.args().stream()
                        .limit(MAX_ARGS).map(a -> a.length() > MAX_ARG_LENGTH ? a.substring(0, MAX_ARG_LENGTH) : a)
                        .toList()))
                .toList();
        return new RevisionStatus(revision.fingerprint(), revision.name(), revision.generation(), revision.model(),
                containers.isEmpty() ? null : containers, changes == null || changes.isEmpty() ? null
                        : changes.stream().limit(MAX_CHANGES).toList());
    }

    /** The revision back, to compare the next one with. */
    public WorkloadRevision toRevision() {
        List<ServingContainer> list = containers == null ? List.of() : containers.stream()
                .map(c -> new ServingContainer(c.name(), c.image(), c.args() == null ? List.of() : c.args()))
                .toList();
        return new WorkloadRevision(fingerprint, generation, name, list, model);
    }

    public boolean sameAs(WorkloadRevision revision) {
        return revision != null && revision.fingerprint().equals(fingerprint);
    }

    /** For messages: the revision name, else the generation, else the fingerprint. */
    public String label() {
        return toRevision().label();
    }
}
