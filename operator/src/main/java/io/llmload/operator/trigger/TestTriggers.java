package io.llmload.operator.trigger;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.RolloutTargetSpec;
import io.llmload.operator.api.v1alpha1.TriggerSpec;
import io.llmload.operator.config.OperatorClock;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * spec.trigger for the reconciler: keeps the followed workload watched ({@link WorkloadWatches}), reads it from the
 * watch's cache and asks {@link Triggers} what to do now. Events on a followed workload reach the reconciler through
 * the consumer it {@link #connect connects} (its inbound event source).
 */
@ApplicationScoped
public class TestTriggers {

    private final OperatorClock clock;
    private volatile WorkloadWatches watches;
    private volatile Consumer<ResourceID> onChange = id -> { };

    public TestTriggers(OperatorClock clock) {
        this.clock = clock;
    }

    /** Called once the reconciler's event sources exist: workload events become reconciles of their followers. */
    public void connect(Consumer<ResourceID> reconcile) {
        this.onChange = reconcile;
    }

    /**
     * What the test's triggers ask for now.
     *
     * @throws WorkloadWatches.KindNotInstalledException when the followed kind is not served by the cluster
     */
    public TriggerOutcome evaluate(KubernetesClient client, LlmLoadTest test, boolean runActive) {
        TriggerSpec spec = test.getSpec().getTrigger();
        Optional<GenericKubernetesResource> workload = follow(client, test);
        RolloutState rollout = workload.map(w -> type(spec.getOnRollout()).read(w)).orElse(null);
        boolean missing = spec.getOnRollout() != null && workload.isEmpty();
        return Triggers.decide(spec, test.getStatus() == null ? null : test.getStatus().getTrigger(), rollout,
                missing, clock.now(), runActive);
    }

    /** The followed workload's revision now, when its rollout is complete (what a run starting now measures). */
    public Optional<WorkloadRevision> completeRevision(KubernetesClient client, LlmLoadTest test) {
        RolloutTargetSpec target = test.getSpec().getTrigger() == null ? null : test.getSpec().getTrigger()
                .getOnRollout();
        if (target == null) {
            return Optional.empty();
        }
        return follow(client, test).map(w -> type(target).read(w)).filter(RolloutState::complete)
                .map(RolloutState::revision);
    }

    /** The test no longer follows anything (deleted, or its trigger gone). */
    public void forget(LlmLoadTest test) {
        if (watches != null) {
            watches.unfollow(ResourceID.fromResource(test));
        }
    }

    @PreDestroy
    void close() {
        if (watches != null) {
            watches.close();
        }
    }

    private Optional<GenericKubernetesResource> follow(KubernetesClient client, LlmLoadTest test) {
        TriggerSpec spec = test.getSpec().getTrigger();
        if (spec == null || spec.getOnRollout() == null) {
            forget(test);
            return Optional.empty();
        }
        return Optional.ofNullable(watches(client).follow(ResourceID.fromResource(test), type(spec.getOnRollout()),
                test.getMetadata().getNamespace(), spec.getOnRollout().getName()));
    }

    private WorkloadWatches watches(KubernetesClient client) {
        if (watches == null) {
            synchronized (this) {
                if (watches == null) {
                    watches = new WorkloadWatches(client, id -> onChange.accept(id));
                }
            }
        }
        return watches;
    }

    private static WorkloadType type(RolloutTargetSpec target) {
        return WorkloadTypes.find(target.getApiVersion(), target.getKind()).orElseThrow(() ->
                new IllegalStateException("unvalidated onRollout kind " + target.getKind()));
    }
}
