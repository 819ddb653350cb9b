package io.llmload.operator.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * A kind of workload a test can follow ({@code spec.trigger.onRollout}): how to tell from the object alone whether
 * its rollout is complete, and which revision it serves. Read generically (no model classes), so a custom resource
 * needs no client library and a missing CRD is an error to report, not a class to load. A new kind is one new
 * implementation, listed in {@link WorkloadTypes}.
 */
public interface WorkloadType {

    /** e.g. {@code apps/v1} */
    String apiVersion();

    /** e.g. {@code Deployment} */
    String kind();

    /** The resource name in RBAC rules and URLs, e.g. {@code deployments}. */
    String plural();

    /** @param object the whole object (apiVersion, kind, metadata, spec, status) as the API server returns it */
    RolloutState read(JsonNode object);

    /** The same for an object read generically from the API server. */
    default RolloutState read(GenericKubernetesResource object) {
        return read(ObjectFields.tree(object));
    }

    default String group() {
        int slash = apiVersion().indexOf('/');
        return slash < 0 ? "" : apiVersion().substring(0, slash);
    }
}
