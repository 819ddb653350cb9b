package io.llmload.operator.autoscaling;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/** Reads fields of kinds the operator has no classes for (LeaderWorkerSet, InferenceService, ScaledObject). */
final class GenericFields {

    private GenericFields() {
    }

    /** The integer at {@code path} (e.g. "status", "readyReplicas"), null when absent or not a number. */
    static Integer integer(GenericKubernetesResource object, String... path) {
        return object.get((Object[]) path) instanceof Number n ? n.intValue() : null;
    }

    /** The string at {@code path}, null when absent. */
    static String string(GenericKubernetesResource object, String... path) {
        return object.get((Object[]) path) instanceof String s ? s : null;
    }
}
