package io.llmload.operator.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The workload fixtures of src/test/resources/workloads (shaped like the API server's answers), read the way the
 * operator reads them — as GenericKubernetesResource — and editable as trees for the in-between states.
 */
final class Workloads {

    private Workloads() {
    }

    static GenericKubernetesResource resource(String name) {
        try (InputStream in = Workloads.class.getResourceAsStream("/workloads/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return Serialization.unmarshal(in, GenericKubernetesResource.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture as an editable tree. */
    static ObjectNode tree(String name) {
        return (ObjectNode) ObjectFields.tree(resource(name));
    }

    static ObjectNode status(JsonNode object) {
        return (ObjectNode) object.path("status");
    }

    static ObjectNode spec(JsonNode object) {
        return (ObjectNode) object.path("spec");
    }

    /** Sets a condition's status (and optionally its observedGeneration) in place. */
    static void condition(JsonNode object, String type, String status) {
        for (JsonNode c : object.path("status").path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                ((ObjectNode) c).put("status", status);
            }
        }
    }
}
