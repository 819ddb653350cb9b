package io.llmload.operator.it;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Plays the Deployment controller for the workload a test follows: a rollout is a new pod template (image), then a
 * status that says it is rolling out, then one that says it is complete — as `kubectl rollout status` reads them.
 */
final class Rollouts {

    private final KubernetesClient client;
    private final String namespace;

    Rollouts(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** A vLLM Deployment with one replica, rolled out (complete). */
    Deployment create(String name, String image) {
        Deployment d = Serialization.unmarshal(Rollouts.class.getResourceAsStream("/workloads/deployment-complete.yaml"),
                Deployment.class);
        d.getMetadata().setName(name);
        d.getMetadata().setNamespace(namespace);
        d.getMetadata().setResourceVersion(null);
        d.getMetadata().setUid(null);
        d.getSpec().setReplicas(1);
        d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
        d.setStatus(null);
        client.resource(d).create();
        return complete(name);
    }

    /** A new image: the controller has started rolling it out, no replica updated yet. */
    Deployment startRollout(String name, String image) {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).edit(x -> {
            x.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
            return x;
        });
        return status(d, new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
                .withReplicas(2).withUpdatedReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).build());
    }

    /** Every replica runs the current template and is available. */
    Deployment complete(String name) {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
        return status(d, new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
                .withReplicas(1).withUpdatedReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).build());
    }

    private Deployment status(Deployment d, DeploymentStatus status) {
        d.setStatus(status);
        return client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
    }
}
