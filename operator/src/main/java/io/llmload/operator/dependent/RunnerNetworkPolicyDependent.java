package io.llmload.operator.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.config.OperatorConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A NetworkPolicy per test ({@code <test>-runners}) admitting to its runner pods' control port only the operator's
 * pods (their namespace by its {@code kubernetes.io/metadata.name} label, and their labels), and nothing else to any
 * other port. Egress stays open: runners must reach the target. Kubelet probes are not affected (Kubernetes always
 * admits traffic from the pod's node). Only on clusters whose network plugin enforces NetworkPolicies; the token is
 * the guard everywhere else. Behind {@code llmload.runner.network-policy} ({@link Enabled}).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class RunnerNetworkPolicyDependent extends KubernetesDependentResource<NetworkPolicy, LlmLoadTest>
        implements Creator<NetworkPolicy, LlmLoadTest>, GarbageCollected<LlmLoadTest> {

    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    public RunnerNetworkPolicyDependent() {
        super(NetworkPolicy.class);
    }

    @Override
    protected NetworkPolicy desired(LlmLoadTest test, Context<LlmLoadTest> context) {
        OperatorConfig config = OperatorConfig.current();
        String operatorNamespace = config.operator().namespace()
                .orElseGet(() -> context.getClient().getConfiguration().getNamespace());
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(Labels.networkPolicy(test))
                .withNamespace(test.getMetadata().getNamespace())
                .withLabels(Labels.of(test))
                .endMetadata()
                .withNewSpec()
                .withNewPodSelector().withMatchLabels(Labels.runnerSelector(test)).endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .addNewFrom()
                .withNewNamespaceSelector().withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, operatorNamespace))
                .endNamespaceSelector()
                .withNewPodSelector().withMatchLabels(labels(config.operator().podSelector())).endPodSelector()
                .endFrom()
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(config.runner().controlPort())).endPort()
                .endIngress()
                .endSpec()
                .build();
    }

    /** {@code a=b,c=d} as labels; the configuration's format for the operator's pod labels. */
    static Map<String, String> labels(String selector) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : selector.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("llmload.operator.pod-selector: '" + selector + "' is not "
                        + "key=value[,key=value]");
            }
            labels.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return labels;
    }

    /** Creates the policy only when the operator is configured to ({@code llmload.runner.network-policy}). */
    public static final class Enabled implements Condition<NetworkPolicy, LlmLoadTest> {
        @Override
        public boolean isMet(DependentResource<NetworkPolicy, LlmLoadTest> dependentResource, LlmLoadTest test,
                Context<LlmLoadTest> context) {
            return OperatorConfig.current().runner().networkPolicy();
        }
    }
}
