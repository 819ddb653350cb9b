package io.llmload.operator.autoscaling;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** An apps/v1 Deployment: spec.replicas asked for, status.readyReplicas serving (absent: none), availableReplicas. */
final class DeploymentReplicas extends InformedReplicas<Deployment> {

    DeploymentReplicas(KubernetesClient client, String namespace, String name) {
        super("Deployment", namespace, name, client.apps().deployments().inNamespace(namespace).withName(name));
    }

    @Override
    ReplicaFacts facts(Deployment d) {
        Integer desired = d.getSpec() == null ? null : d.getSpec().getReplicas();
        var status = d.getStatus();
        return new ReplicaFacts(desired, status == null ? 0 : orZero(status.getReadyReplicas()),
                status == null ? null : status.getAvailableReplicas(), Map.of());
    }
}
