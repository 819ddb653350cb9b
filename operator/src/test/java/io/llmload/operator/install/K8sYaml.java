package io.llmload.operator.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Kubernetes objects as Jackson trees: parsing multi-document YAML, identities, and comparison without labels. */
final class K8sYaml {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Kinds without a namespace among those config/ and the chart use (kustomize's list is longer). */
    static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "CustomResourceDefinition", "ClusterRole",
            "ClusterRoleBinding", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass");

    private K8sYaml() {
    }

    static List<ObjectNode> parse(String yaml) {
        try {
            List<ObjectNode> objects = new ArrayList<>();
            for (JsonNode doc : YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll()) {
                if (doc instanceof ObjectNode object && !object.isEmpty()) {
                    objects.add(object);
                }
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ObjectNode> parse(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "Kind namespace/name" (cluster-scoped: "Kind name"), the key objects are matched by. */
    static String id(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        String namespace = metadata.path("namespace").asText("");
        return object.path("kind").asText() + " " + (namespace.isEmpty() ? "" : namespace + "/")
                + metadata.path("name").asText();
    }

    static Map<String, ObjectNode> byId(List<ObjectNode> objects) {
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        for (ObjectNode object : objects) {
            if (byId.put(id(object), object) != null) {
                throw new IllegalStateException("two objects " + id(object));
            }
        }
        return byId;
    }

    static boolean isClusterScoped(JsonNode object) {
        return CLUSTER_SCOPED.contains(object.path("kind").asText());
    }

    /** A copy without metadata.labels. */
    static ObjectNode withoutLabels(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("labels");
        }
        return copy;
    }

    static Map<String, String> labels(JsonNode object) {
        Map<String, String> labels = new LinkedHashMap<>();
        object.path("metadata").path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(),
                e.getValue().asText()));
        return labels;
    }

    /** The objects of a kind. */
    static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    static ObjectNode single(List<ObjectNode> objects, String kind) {
        List<ObjectNode> found = ofKind(objects, kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found.stream().map(K8sYaml::id).toList());
        }
        return found.get(0);
    }
}
