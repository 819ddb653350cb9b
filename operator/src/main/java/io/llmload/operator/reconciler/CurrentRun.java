package io.llmload.operator.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.dependent.RunnerTokenSecretDependent;
import io.llmload.operator.observe.RunnerPod;
import io.llmload.operator.observe.RunnerPods;
import java.util.List;
import java.util.Optional;

/** The current run's objects, as the informer caches hold them. */
final class CurrentRun {

    private CurrentRun() {
    }

    static Optional<Job> job(Context<LlmLoadTest> context) {
        return context.getSecondaryResource(Job.class);
    }

    /**
     * The pods of the current Job, matched by its UID: a previous run's lingering pods never count. Calls to them
     * carry the test's control token.
     */
    static List<RunnerPod> pods(Context<LlmLoadTest> context) {
        String jobUid = job(context).map(j -> j.getMetadata().getUid()).orElse(null);
        return RunnerPods.of(context.getSecondaryResources(Pod.class), jobUid,
                RunnerTokenSecretDependent.token(context).orElse(null));
    }

    /** An owned ConfigMap by name (the plan or the report). */
    static Optional<ConfigMap> configMap(Context<LlmLoadTest> context, String name) {
        return context.getSecondaryResources(ConfigMap.class).stream()
                .filter(c -> name.equals(c.getMetadata().getName())).findFirst();
    }

    /**
     * An owned ConfigMap by name, asking the API server when the informer has not seen it yet: one written a moment
     * ago (the plan just created, the report just saved) must not be taken for a missing one.
     */
    static Optional<ConfigMap> configMapOrFetch(Context<LlmLoadTest> context, String name) {
        LlmLoadTest test = context.getPrimaryResource();
        return configMap(context, name).or(() -> Optional.ofNullable(context.getClient().configMaps()
                .inNamespace(test.getMetadata().getNamespace()).withName(name).get()));
    }

    /** Names one run of one test (a re-run is another run): what the operator holds about its runners is per run. */
    static String key(LlmLoadTest test, LlmLoadTestStatus status) {
        return test.getMetadata().getNamespace() + "/" + test.getMetadata().getName() + "/"
                + test.getMetadata().getUid() + "/" + status.getStartTime();
    }
}
