package io.llmload.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import java.util.List;
import java.util.Objects;

/**
 * How kstatus (kubernetes-sigs/cli-utils pkg/kstatus/status, used by Flux health checks and kpt) reads a custom
 * resource, in the order of its {@code Compute}: {@code checkGenericProperties} (deletion, then {@code
 * checkGeneration}: observedGeneration ≠ generation is InProgress, then Reconciling=True is InProgress and
 * Stalled=True is Failed), then — no built-in rule applies to a CR — {@code checkReadyCondition} (Ready True is
 * Current, Ready False is InProgress), else Current. Ported for tests, not to depend on Go.
 */
final class Kstatus {

    enum Result { IN_PROGRESS, FAILED, CURRENT, TERMINATING }

    private Kstatus() {
    }

    static Result compute(LlmLoadTest test) {
        if (test.getMetadata().getDeletionTimestamp() != null) {
            return Result.TERMINATING;
        }
        var status = test.getStatus();
        Long generation = test.getMetadata().getGeneration();
        if (generation != null && status != null && status.getObservedGeneration() != null
                && !Objects.equals(status.getObservedGeneration(), generation)) {
            return Result.IN_PROGRESS;
        }
        List<Condition> conditions = status == null || status.getConditions() == null ? List.of()
                : status.getConditions();
        for (Condition c : conditions) {
            if ("Reconciling".equals(c.getType()) && "True".equals(c.getStatus())) {
                return Result.IN_PROGRESS;
            }
            if ("Stalled".equals(c.getType()) && "True".equals(c.getStatus())) {
                return Result.FAILED;
            }
        }
        for (Condition c : conditions) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus()) ? Result.CURRENT : Result.IN_PROGRESS;
            }
        }
        return Result.CURRENT;
    }
}
