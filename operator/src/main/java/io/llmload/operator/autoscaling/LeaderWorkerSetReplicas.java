package io.llmload.operator.autoscaling;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.Map;

/**
 * A LeaderWorkerSet (leaderworkerset.x-k8s.io/v1, read generically): a replica is a group (leader + workers, e.g. one
 * multi-node vLLM); spec.replicas groups asked for, status.readyReplicas groups Ready.
 */
final class LeaderWorkerSetReplicas extends InformedReplicas<GenericKubernetesResource> {

    static final String API_VERSION = "leaderworkerset.x-k8s.io/v1";

    LeaderWorkerSetReplicas(KubernetesClient client, String namespace, String name) {
        super("LeaderWorkerSet", namespace, name, resource(client, namespace, name));
    }

    static Resource<GenericKubernetesResource> resource(KubernetesClient client, String namespace, String name) {
        return GenericFields.resource(client, API_VERSION, "LeaderWorkerSet", "leaderworkersets", namespace, name);
    }

    @Override
    ReplicaFacts facts(GenericKubernetesResource lws) {
        Integer ready = GenericFields.integer(lws, "status", "readyReplicas");
        return new ReplicaFacts(GenericFields.integer(lws, "spec", "replicas"), ready == null ? 0 : ready, null,
                Map.of());
    }
}
