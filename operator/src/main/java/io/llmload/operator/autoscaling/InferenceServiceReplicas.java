package io.llmload.operator.autoscaling;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;

/**
 * A KServe InferenceService (serving.kserve.io/v1beta1, read generically). Its status holds no replica counts, so
 * they come from the Deployment KServe's RawDeployment mode runs the predictor as ({@code <name>-predictor}); the
 * InferenceService itself is watched so its removal shows. Serverless (Knative) mode keeps its replicas in Knative
 * revisions, which the operator does not read.
 */
final class InferenceServiceReplicas implements WatchedReplicas {

    static final String API_VERSION = "serving.kserve.io/v1beta1";

    private final String description;
    private final SingleObjectInformer<GenericKubernetesResource> service;
    private final DeploymentReplicas predictor;

    InferenceServiceReplicas(KubernetesClient client, String namespace, String name) {
        this.description = "InferenceService " + namespace + "/" + name + " (Deployment " + predictorName(name) + ")";
        this.service = new SingleObjectInformer<>(resource(client, namespace, name));
        this.predictor = new DeploymentReplicas(client, namespace, predictorName(name));
    }

    static Resource<GenericKubernetesResource> resource(KubernetesClient client, String namespace, String name) {
        return GenericFields.resource(client, API_VERSION, "InferenceService", "inferenceservices", namespace, name);
    }

    static String predictorName(String name) {
        return name + "-predictor";
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void start(Runnable onChange) {
        service.start(onChange);
        predictor.start(onChange);
    }

    @Override
    public ReplicaFacts now() {
        return service.current().isPresent() ? predictor.now() : ReplicaFacts.NONE;
    }

    @Override
    public void close() {
        service.close();
        predictor.close();
    }
}
