package io.llmload.operator.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Optional;

/**
 * A kind of workload a test can follow ({@code spec.trigger.onRollout}): how to tell from the object alone whether
 * its rollout is complete, and which revision it serves. Read generically (no model classes), so a custom resource
 * needs no client library and a missing CRD is an error to report, not a class to load. A new kind is one new
 * subclass, listed in {@link WorkloadTypes}.
 */
public abstract class WorkloadType {

    private final String apiVersion;
    private final String kind;
    private final String plural;

    protected WorkloadType(String apiVersion, String kind, String plural) {
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.plural = plural;
    }

    /** @param object the whole object (apiVersion, kind, metadata, spec, status) as the API server returns it */
    public abstract RolloutState read(JsonNode object);

    /** The same for an object read generically from the API server. */
    public RolloutState read(GenericKubernetesResource object) {
        return read(ObjectFields.tree(object));
    }

    /** e.g. {@code apps/v1} */
    public String apiVersion() {
        return apiVersion;
    }

    /** e.g. {@code Deployment} */
    public String kind() {
        return kind;
    }

    /** The resource name in RBAC rules and URLs, e.g. {@code deployments}. */
    public String plural() {
        return plural;
    }

    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /**
     * Waiting while the workload's controller has not acted on its latest spec: its status describes an older one.
     */
    protected Optional<RolloutState> unobserved(JsonNode object, WorkloadRevision revision) {
        return ObjectFields.generationObserved(object) ? Optional.empty()
                : Optional.of(RolloutState.waiting("the controller has not yet seen generation "
                        + revision.generation(), revision));
    }
}
