package io.llmload.operator.autoscaling;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.runner.spec.AutoscalingSpec;
import io.llmload.runner.spec.AutoscalingSpec.AutoscalerRef;
import io.llmload.runner.spec.AutoscalingSpec.WorkloadRef;
import io.llmload.runner.spec.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * spec.autoscaling's references checked against the cluster before a run is planned: the kind is served (a
 * LeaderWorkerSet, InferenceService or ScaledObject needs its CRD installed — asked through API discovery, which
 * every client may read) and the named object exists. Each problem is a {@link Violation} naming the field and the
 * fix; the spec checks (kinds, apiVersions, names, namespaces allowed) are the validator's.
 */
public final class AutoscalingReferences {

    /** Kinds served by a CRD, with the API version and what installs it. */
    private static final Map<String, String[]> CRD_KINDS = Map.of(
            AutoscalingSpec.LEADER_WORKER_SET, new String[] {LeaderWorkerSetReplicas.API_VERSION,
                "install LeaderWorkerSet (https://github.com/kubernetes-sigs/lws)"},
            AutoscalingSpec.INFERENCE_SERVICE, new String[] {InferenceServiceReplicas.API_VERSION,
                "install KServe"},
            AutoscalingSpec.SCALED_OBJECT, new String[] {ScaledObjectReplicas.API_VERSION, "install KEDA"});

    private AutoscalingReferences() {
    }

    public static List<Violation> check(LlmLoadTest test, KubernetesClient client) {
        AutoscalingSpec spec = test.getSpec() == null ? null : test.getSpec().getAutoscaling();
        if (spec == null || spec.target() == null || spec.target().kind() == null || spec.target().name() == null) {
            return List.of(); // the spec checks name what is missing
        }
        List<Violation> violations = new ArrayList<>();
        String namespace = ReplicaWatches.namespace(spec.target(), test.getMetadata().getNamespace());
        WorkloadRef target = spec.target();
        if (served(client, target.kind(), "spec.autoscaling.target.kind", violations)) {
            boolean exists = switch (target.kind()) {
                case AutoscalingSpec.DEPLOYMENT -> client.apps().deployments().inNamespace(namespace)
                        .withName(target.name()).get() != null;
                case AutoscalingSpec.STATEFUL_SET -> client.apps().statefulSets().inNamespace(namespace)
                        .withName(target.name()).get() != null;
                case AutoscalingSpec.LEADER_WORKER_SET -> LeaderWorkerSetReplicas.resource(client, namespace,
                        target.name()).get() != null;
                case AutoscalingSpec.INFERENCE_SERVICE -> InferenceServiceReplicas.resource(client, namespace,
                        target.name()).get() != null;
                default -> true;
            };
            if (!exists) {
                violations.add(new Violation("spec.autoscaling.target.name", "no " + target.kind() + " '"
                        + target.name() + "' in namespace " + namespace + ": create it before the test, or fix the "
                        + "name (or spec.autoscaling.target.namespace)"));
            }
        }
        AutoscalerRef autoscaler = spec.autoscaler();
        if (autoscaler != null && autoscaler.kind() != null && autoscaler.name() != null
                && served(client, autoscaler.kind(), "spec.autoscaling.autoscaler.kind", violations)) {
            boolean exists = switch (autoscaler.kind()) {
                case AutoscalingSpec.HPA -> client.autoscaling().v2().horizontalPodAutoscalers()
                        .inNamespace(namespace).withName(autoscaler.name()).get() != null;
                case AutoscalingSpec.SCALED_OBJECT -> ScaledObjectReplicas.resource(client, namespace,
                        autoscaler.name()).get() != null;
                default -> true;
            };
            if (!exists) {
                violations.add(new Violation("spec.autoscaling.autoscaler.name", "no " + autoscaler.kind() + " '"
                        + autoscaler.name() + "' in namespace " + namespace + " (the workload's): create it before "
                        + "the test, fix the name, or remove spec.autoscaling.autoscaler"));
            }
        }
        return violations;
    }

    /** Core kinds (apps/v1, autoscaling/v2) are always served; a CRD kind is asked through discovery. */
    private static boolean served(KubernetesClient client, String kind, String field, List<Violation> violations) {
        String[] crd = CRD_KINDS.get(kind);
        if (crd == null) {
            return true;
        }
        boolean served;
        try {
            served = client.supports(crd[0], kind);
        } catch (KubernetesClientException e) {
            served = false;
        }
        if (!served) {
            violations.add(new Violation(field, "the cluster does not serve " + kind + " (" + crd[0] + "): "
                    + crd[1] + ", or name another kind"));
        }
        return served;
    }
}
