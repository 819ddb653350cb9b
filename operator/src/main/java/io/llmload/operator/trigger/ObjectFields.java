package io.llmload.operator.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/** Reads the fields every workload kind shares: generation, observedGeneration, conditions, counters. */
final class ObjectFields {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ObjectFields() {
    }

    /** The object as a tree, as the API server sent it (metadata, spec and status alike). */
    static JsonNode tree(GenericKubernetesResource object) {
        return JSON.valueToTree(object);
    }

    static Long generation(JsonNode object) {
        JsonNode g = object.path("metadata").path("generation");
        return g.canConvertToLong() ? g.asLong() : null;
    }

    /** Whether status.observedGeneration has caught up with metadata.generation (true when either is absent). */
    static boolean generationObserved(JsonNode object) {
        Long generation = generation(object);
        JsonNode observed = object.path("status").path("observedGeneration");
        return generation == null || !observed.canConvertToLong() || observed.asLong() >= generation;
    }

    /** The status of a condition ("True", "False", "Unknown"), or null when the object has no such condition. */
    static String condition(JsonNode object, String type) {
        JsonNode c = conditionNode(object, type);
        return c == null ? null : c.path("status").asText(null);
    }

    static JsonNode conditionNode(JsonNode object, String type) {
        for (JsonNode c : object.path("status").path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c;
            }
        }
        return null;
    }

    /** A counter that the API omits when zero. */
    static long count(JsonNode node, String field) {
        return node.path(field).asLong(0);
    }

    /** {@code spec.replicas}, 1 when unset (the API server's default). */
    static long desiredReplicas(JsonNode object) {
        JsonNode r = object.path("spec").path("replicas");
        return r.canConvertToLong() ? r.asLong() : 1;
    }

    static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
