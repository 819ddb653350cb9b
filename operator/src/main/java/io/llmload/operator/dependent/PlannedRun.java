package io.llmload.operator.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;

/**
 * The deadlines of a run being planned, handed by the lifecycle (which computes and records them in the status)
 * to the dependents that create the plan and the Job, through the workflow's context.
 *
 * @param runnerStartDeadlineEpochMillis written into the plan: a runner not told to start by then exits by itself
 * @param jobActiveDeadlineSeconds the Job's activeDeadlineSeconds: Kubernetes stops every runner pod by then
 * @param jobTtlSecondsAfterFinished the Job's ttlSecondsAfterFinished (null: none)
 */
public record PlannedRun(long runnerStartDeadlineEpochMillis, long jobActiveDeadlineSeconds,
        Integer jobTtlSecondsAfterFinished) {

    static final String KEY = "llmload.plannedRun";

    /** Hands this to the dependents reconciled next in this context. */
    public void putInto(Context<LlmLoadTest> context) {
        context.managedWorkflowAndDependentResourceContext().put(KEY, this);
    }

    static PlannedRun from(Context<LlmLoadTest> context) {
        PlannedRun run = context.managedWorkflowAndDependentResourceContext().get(KEY, PlannedRun.class)
                .orElse(null);
        if (run == null) {
            throw new IllegalStateException("the runner objects are created only by the lifecycle, after planning");
        }
        return run;
    }
}
