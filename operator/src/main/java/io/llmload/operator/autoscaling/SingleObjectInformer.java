package io.llmload.operator.autoscaling;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Optional;

/**
 * A Fabric8 informer on one named object (list + watch with a field selector on its name): the object from its
 * cache, and a callback on every event. The classes of {@link WatchedReplicas} read their kind through it.
 */
final class SingleObjectInformer<T extends HasMetadata> implements AutoCloseable {

    /** A full re-list this often, so a missed watch event is repaired without waiting for the next change. */
    private static final long RESYNC_MILLIS = 30_000;

    private final Resource<T> resource;
    private SharedIndexInformer<T> informer;

    SingleObjectInformer(Resource<T> resource) {
        this.resource = resource;
    }

    synchronized void start(Runnable onChange) {
        if (informer != null) {
            return;
        }
        informer = resource.inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                onChange.run();
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                onChange.run();
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                onChange.run();
            }
        }, RESYNC_MILLIS);
    }

    synchronized Optional<T> current() {
        return informer == null ? Optional.empty() : informer.getStore().list().stream().findFirst();
    }

    @Override
    public synchronized void close() {
        if (informer != null) {
            try {
                informer.close();
            } catch (RuntimeException e) {
                // best effort: the test is over either way
            }
            informer = null;
        }
    }
}
