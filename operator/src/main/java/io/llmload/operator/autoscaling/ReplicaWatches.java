package io.llmload.operator.autoscaling;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.llmload.runner.spec.AutoscalingSpec;
import io.llmload.runner.spec.AutoscalingSpec.AutoscalerRef;
import io.llmload.runner.spec.AutoscalingSpec.WorkloadRef;

/** The {@link WatchedReplicas} for each kind spec.autoscaling may name (the validator admits only these). */
final class ReplicaWatches {

    private ReplicaWatches() {
    }

    static WatchedReplicas workload(KubernetesClient client, WorkloadRef ref, String namespace) {
        return switch (ref.kind()) {
            case AutoscalingSpec.DEPLOYMENT -> new DeploymentReplicas(client, namespace, ref.name());
            case AutoscalingSpec.STATEFUL_SET -> new StatefulSetReplicas(client, namespace, ref.name());
            case AutoscalingSpec.LEADER_WORKER_SET -> new LeaderWorkerSetReplicas(client, namespace, ref.name());
            case AutoscalingSpec.INFERENCE_SERVICE -> new InferenceServiceReplicas(client, namespace, ref.name());
            default -> throw new IllegalArgumentException("spec.autoscaling.target.kind: not readable: " + ref.kind());
        };
    }

    /** The autoscaler lives beside its workload. */
    static WatchedReplicas autoscaler(KubernetesClient client, AutoscalerRef ref, String namespace) {
        return switch (ref.kind()) {
            case AutoscalingSpec.HPA -> new HpaReplicas(client, namespace, ref.name());
            case AutoscalingSpec.SCALED_OBJECT -> new ScaledObjectReplicas(client, namespace, ref.name());
            default -> throw new IllegalArgumentException("spec.autoscaling.autoscaler.kind: not readable: "
                    + ref.kind());
        };
    }

    /** The workload's namespace: its own, or the test's. */
    static String namespace(WorkloadRef ref, String testNamespace) {
        return ref.namespace() == null || ref.namespace().isBlank() ? testNamespace : ref.namespace();
    }
}
