package io.llmload.operator.autoscaling;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** Reads fields of kinds the operator has no classes for (LeaderWorkerSet, InferenceService, ScaledObject). */
final class GenericFields {

    private GenericFields() {
    }

    /**
     * One namespaced object of a kind named in full (group, version, plural), so the client needs no API discovery
     * to find its path.
     */
    static Resource<GenericKubernetesResource> resource(KubernetesClient client, String apiVersion, String kind,
            String plural, String namespace, String name) {
        int slash = apiVersion.indexOf('/');
        ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
                .withGroup(apiVersion.substring(0, slash)).withVersion(apiVersion.substring(slash + 1))
                .withKind(kind).withPlural(plural).withNamespaced(true).build();
        return client.genericKubernetesResources(context).inNamespace(namespace).withName(name);
    }

    /** The integer at {@code path} (e.g. "status", "readyReplicas"), null when absent or not a number. */
    static Integer integer(GenericKubernetesResource object, String... path) {
        return object.get((Object[]) path) instanceof Number n ? n.intValue() : null;
    }

    /** The string at {@code path}, null when absent. */
    static String string(GenericKubernetesResource object, String... path) {
        return object.get((Object[]) path) instanceof String s ? s : null;
    }
}
