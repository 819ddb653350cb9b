package io.llmload.operator.trigger;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Watches exactly the workloads that tests follow (spec.trigger.onRollout): one Fabric8 informer per followed object,
 * filtered by namespace and name, shared by every test following it, stopped when the last one stops. An event on a
 * followed object asks for a reconcile of each test following it ({@code onChange}); the reconcile reads the object
 * from the informer's cache, so following costs no API calls beyond the watch.
 *
 * <p>Nothing else is watched: the operator needs get/list/watch on the kinds tests follow, and sees only the objects
 * they name. A kind whose CRD is not installed is refused with {@link KindNotInstalledException} — the test's spec
 * cannot be satisfied, which is a Valid=False for it, not an error of the operator.
 */
public final class WorkloadWatches implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WorkloadWatches.class);

    /** A followed object. */
    record Key(String apiVersion, String kind, String namespace, String name) {
    }

    private final KubernetesClient client;
    private final Consumer<ResourceID> onChange;
    private final Map<Key, SharedIndexInformer<GenericKubernetesResource>> informers = new HashMap<>();
    private final Map<Key, Set<ResourceID>> followers = new HashMap<>();
    private final Map<ResourceID, Key> following = new HashMap<>();

    public WorkloadWatches(KubernetesClient client, Consumer<ResourceID> onChange) {
        this.client = client;
        this.onChange = onChange;
    }

    /**
     * Makes {@code test} follow a workload (and stop following any other) and returns the workload as the cache
     * has it now: null when it does not exist (yet).
     *
     * @throws KindNotInstalledException when the kind's API is not served by the cluster
     */
    public synchronized GenericKubernetesResource follow(ResourceID test, WorkloadType type, String namespace,
            String name) {
        Key key = new Key(type.apiVersion(), type.kind(), namespace, name);
        Key before = following.get(test);
        if (before != null && !before.equals(key)) {
            unfollow(test);
        }
        SharedIndexInformer<GenericKubernetesResource> informer = informers.get(key);
        if (informer == null) {
            informer = start(key, type);
            informers.put(key, informer);
        }
        followers.computeIfAbsent(key, k -> new HashSet<>()).add(test);
        following.put(test, key);
        return informer.getStore().getByKey(namespace + "/" + name);
    }

    /** The test follows nothing any more (deleted, or its trigger removed). */
    public synchronized void unfollow(ResourceID test) {
        Key key = following.remove(test);
        if (key == null) {
            return;
        }
        Set<ResourceID> tests = followers.get(key);
        tests.remove(test);
        if (tests.isEmpty()) {
            followers.remove(key);
            SharedIndexInformer<GenericKubernetesResource> informer = informers.remove(key);
            if (informer != null) {
                informer.close();
            }
        }
    }

    /** How many objects are watched (for tests and metrics). */
    public synchronized int watched() {
        return informers.size();
    }

    @Override
    public synchronized void close() {
        informers.values().forEach(SharedIndexInformer::close);
        informers.clear();
        followers.clear();
        following.clear();
    }

    private SharedIndexInformer<GenericKubernetesResource> start(Key key, WorkloadType type) {
        if (!installed(type)) {
            throw new KindNotInstalledException(type);
        }
        ResourceDefinitionContext context = new ResourceDefinitionContext.Builder().withGroup(type.group())
                .withVersion(type.apiVersion().substring(type.apiVersion().indexOf('/') + 1)).withKind(type.kind())
                .withPlural(type.plural()).withNamespaced(true).build();
        try {
            SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(context)
                    .inNamespace(key.namespace()).withName(key.name()).inform(new Handler(key));
            LOG.debugf("Watching %s %s/%s for rollouts", key.kind(), key.namespace(), key.name());
            return informer;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                throw new KindNotInstalledException(type);
            }
            throw e;
        }
    }

    /** Built-in kinds are always served; a custom resource's kind only when its CRD is installed (discovery). */
    private boolean installed(WorkloadType type) {
        return "apps".equals(type.group()) || client.supports(type.apiVersion(), type.kind());
    }

    private void notifyFollowers(Key key) {
        Set<ResourceID> tests;
        synchronized (this) {
            tests = Set.copyOf(followers.getOrDefault(key, Set.of()));
        }
        tests.forEach(onChange);
    }

    private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {

        private final Key key;

        Handler(Key key) {
            this.key = key;
        }

        @Override
        public void onAdd(GenericKubernetesResource obj) {
            notifyFollowers(key);
        }

        @Override
        public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
            notifyFollowers(key);
        }

        @Override
        public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
            notifyFollowers(key);
        }
    }

    /** The cluster does not serve the followed kind (its CRD is absent). */
    public static final class KindNotInstalledException extends RuntimeException {

        public KindNotInstalledException(WorkloadType type) {
            super(type.kind() + " (" + type.apiVersion() + ") is not installed in this cluster: its CRD "
                    + type.plural() + "." + type.group() + " is missing");
        }
    }
}
