package io.llmload.operator.autoscaling;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** An apps/v1 StatefulSet: spec.replicas asked for, status.readyReplicas serving, availableReplicas. */
final class StatefulSetReplicas extends InformedReplicas<StatefulSet> {

    StatefulSetReplicas(KubernetesClient client, String namespace, String name) {
        super("StatefulSet", namespace, name, client.apps().statefulSets().inNamespace(namespace).withName(name));
    }

    @Override
    ReplicaFacts facts(StatefulSet s) {
        Integer desired = s.getSpec() == null ? null : s.getSpec().getReplicas();
        var status = s.getStatus();
        return new ReplicaFacts(desired, status == null ? 0 : orZero(status.getReadyReplicas()),
                status == null ? null : status.getAvailableReplicas(), Map.of());
    }
}
