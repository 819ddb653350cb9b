package io.llmload.operator.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.api.v1alpha1.RunnerCounts;
import io.llmload.operator.dependent.Labels;
import io.llmload.operator.dependent.WorkerPlans;
import io.llmload.operator.events.EventRecorder;
import io.llmload.operator.metrics.OperatorMetrics;
import io.llmload.operator.status.StatusBuilder;
import io.llmload.runner.spec.ConfigMapKeyRef;
import io.llmload.runner.spec.RequestTypeSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pending → Starting: removes what a previous run left, checks that the ConfigMaps the pods will mount exist, then
 * creates the plan ConfigMap and the runner Job (the dependents) and records the run's plan generation and start
 * deadline. A refusal by the API server (quota, admission, a name too long) surfaces from here and ends the test
 * Failed with its message ({@link ReconcileErrors}).
 */
@ApplicationScoped
class RunPlanning {

    static final Duration RECHECK = Duration.ofSeconds(2);

    private final RunDeadlines deadlines;
    private final EventRecorder events;
    private final OperatorMetrics metrics;
    private final Finisher finisher;
    private final Clock clock = Clock.systemUTC();

    RunPlanning(RunDeadlines deadlines, EventRecorder events, OperatorMetrics metrics, Finisher finisher) {
        this.deadlines = deadlines;
        this.events = events;
        this.metrics = metrics;
        this.finisher = finisher;
    }

    Step plan(LlmLoadTest test, Context<LlmLoadTest> context, StatusBuilder status) {
        if (removePreviousRun(test, context)) {
            status.phase(LlmLoadTestStatus.PHASE_PENDING, "Removing the previous run's runner Job and plan.");
            return new Step(status, RECHECK);
        }
        Optional<String> missing = missingConfigMaps(test, context.getClient());
        if (missing.isPresent()) {
            return finisher.fail(test, context, null, List.of(), status, null, "MissingConfigMap", missing.get());
        }
        Instant startDeadline = deadlines.startDeadline(test, Instant.now(clock));
        deadlines.planned(test, startDeadline).putInto(context);
        context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
        int replicas = WorkerPlans.replicas(test);
        status.planned(test.getMetadata().getGeneration(), startDeadline)
                // A re-run request present now is answered by this run (also one present at creation).
                .rerunOf(TestLifecycle.annotation(test, TestLifecycle.RERUN_ANNOTATION))
                .runners(new RunnerCounts(replicas, 0, 0, 0))
                .phase(LlmLoadTestStatus.PHASE_STARTING, "Waiting for " + replicas + " runner pod(s) to be ready by "
                        + startDeadline + ".");
        return new Step(status, RECHECK).then(() -> {
            events.normal(context.getClient(), test, "Created", "Created the plan and " + replicas
                    + " runner pod(s).");
            metrics.started();
        });
    }

    /**
     * Objects left by a previous run (a re-run, or an operator that stopped mid-create) go first: the Job's template
     * and the plan are immutable. True while any is left.
     */
    private static boolean removePreviousRun(LlmLoadTest test, Context<LlmLoadTest> context) {
        KubernetesClient client = context.getClient();
        boolean left = false;
        if (CurrentRun.job(context).isPresent()) {
            Finisher.deleteRunnerJob(test, client);
            left = true;
        }
        // The previous run's report stays: each run has its own (<test>-run-<id>), pruned with the history.
        String plan = Labels.planConfigMap(test);
        if (CurrentRun.configMap(context, plan).isPresent()) {
            client.configMaps().inNamespace(test.getMetadata().getNamespace()).withName(plan).delete();
            left = true;
        }
        return left;
    }

    /**
     * Dataset ConfigMaps (and keys) that do not exist: the pods would wait in ContainerCreating until the start
     * deadline; said now instead, with the field to fix.
     */
    private static Optional<String> missingConfigMaps(LlmLoadTest test, KubernetesClient client) {
        var workload = test.getSpec().getWorkload();
        if (workload == null || workload.mix() == null) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        String namespace = test.getMetadata().getNamespace();
        for (int i = 0; i < workload.mix().size(); i++) {
            RequestTypeSpec type = workload.mix().get(i);
            ConfigMapKeyRef ref = type == null || type.prompt() == null || type.prompt().dataset() == null ? null
                    : type.prompt().dataset().configMapRef();
            if (ref == null) {
                continue;
            }
            String field = "spec.workload.mix[" + i + "].prompt.dataset.configMapRef";
            ConfigMap map = client.configMaps().inNamespace(namespace).withName(ref.name()).get();
            if (map == null) {
                missing.add(field + ": ConfigMap '" + ref.name() + "' not found in namespace '" + namespace
                        + "' (create it first: kubectl create configmap " + ref.name() + " --from-file=...)");
            } else if (!hasKey(map, ref.key())) {
                missing.add(field + ": ConfigMap '" + ref.name() + "' has no key '" + ref.key() + "'");
            }
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", missing));
    }

    private static boolean hasKey(ConfigMap map, String key) {
        return map.getData() != null && map.getData().containsKey(key)
                || map.getBinaryData() != null && map.getBinaryData().containsKey(key);
    }
}
