package io.llmload.operator.autoscaling;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;
import java.util.Map;

/**
 * A KEDA ScaledObject (keda.sh/v1alpha1, read generically). KEDA scales through an HPA it owns — named in the
 * ScaledObject's status.hpaName, by default {@code keda-hpa-<name>} — so the decision and the metric values are that
 * HPA's; the ScaledObject adds whether it is active (a trigger above its activation threshold) as metric
 * {@code keda_active} (1 or 0).
 */
final class ScaledObjectReplicas implements WatchedReplicas {

    static final String API_VERSION = "keda.sh/v1alpha1";

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final SingleObjectInformer<GenericKubernetesResource> scaledObject;
    private volatile HpaReplicas hpa;

    ScaledObjectReplicas(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.scaledObject = new SingleObjectInformer<>(resource(client, namespace, name));
    }

    static Resource<GenericKubernetesResource> resource(KubernetesClient client, String namespace, String name) {
        return GenericFields.resource(client, API_VERSION, "ScaledObject", "scaledobjects", namespace, name);
    }

    @Override
    public String describe() {
        return "ScaledObject " + namespace + "/" + name + (hpa == null ? "" : " (" + hpa.describe() + ")");
    }

    @Override
    public void start(Runnable onChange) {
        scaledObject.start(onChange);
        String hpaName = scaledObject.current().map(so -> GenericFields.string(so, "status", "hpaName"))
                .orElse("keda-hpa-" + name);
        HpaReplicas owned = new HpaReplicas(client, namespace, hpaName);
        owned.start(onChange);
        hpa = owned;
    }

    @Override
    public ReplicaFacts now() {
        HpaReplicas owned = hpa;
        ReplicaFacts facts = owned == null ? ReplicaFacts.NONE : owned.now();
        Boolean active = scaledObject.current().map(ScaledObjectReplicas::active).orElse(null);
        return active == null ? facts : facts.withAutoscaler(new ReplicaFacts(null, null, null,
                Map.of("keda_active", active ? 1.0 : 0.0)));
    }

    /** The Active condition: True while a trigger is above its activation threshold. */
    private static Boolean active(GenericKubernetesResource so) {
        if (!(so.get("status", "conditions") instanceof List<?> conditions)) {
            return null;
        }
        for (Object c : conditions) {
            if (c instanceof Map<?, ?> m && "Active".equals(m.get("type"))) {
                return "True".equals(m.get("status"));
            }
        }
        return null;
    }

    @Override
    public void close() {
        scaledObject.close();
        HpaReplicas owned = hpa;
        if (owned != null) {
            owned.close();
        }
    }
}
