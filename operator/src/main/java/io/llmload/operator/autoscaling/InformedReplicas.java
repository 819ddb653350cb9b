package io.llmload.operator.autoscaling;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Resource;

/** A {@link WatchedReplicas} whose facts come from one object of type {@code T}: each kind says how to read it. */
abstract class InformedReplicas<T extends HasMetadata> implements WatchedReplicas {

    private final String description;
    private final SingleObjectInformer<T> informer;

    InformedReplicas(String kind, String namespace, String name, Resource<T> resource) {
        this.description = kind + " " + namespace + "/" + name;
        this.informer = new SingleObjectInformer<>(resource);
    }

    /** The replicas as the object states them. */
    abstract ReplicaFacts facts(T object);

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void start(Runnable onChange) {
        informer.start(onChange);
    }

    @Override
    public ReplicaFacts now() {
        return informer.current().map(this::facts).orElse(ReplicaFacts.NONE);
    }

    @Override
    public void close() {
        informer.close();
    }

    static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
