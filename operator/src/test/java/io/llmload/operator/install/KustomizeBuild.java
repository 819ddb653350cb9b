package io.llmload.operator.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What {@code kustomize build DIR} (and {@code kubectl kustomize}) outputs, for the subset of kustomize that config/
 * uses, so the tests can compare the chart with the kustomize bases without kubectl on the machine. Supported, with
 * kustomize's semantics and order (patches, then namespace, then labels, at each level after its resources are
 * built): {@code resources} (files and directories), {@code namespace} (metadata.namespace of namespaced objects, the
 * name of a Namespace object, the namespace of RoleBinding subjects named "default"), {@code labels} with
 * {@code includeSelectors: false} (metadata.labels only) and {@code patches} holding an inline JSON 6902 patch with a
 * target of kind and name. Anything else fails loudly instead of being ignored, and so does a ServiceAccount subject
 * without a namespace (kustomize fills it through name references, which are not emulated: write it out).
 *
 * <p>Checked once against kustomize v5.5.0 built from source: same objects for config/default, config/cluster,
 * config/overlays/namespaced, config/overlays/ha and config/prometheus (see docs/install.md).
 */
final class KustomizeBuild {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "labels", "resources",
            "patches");

    private KustomizeBuild() {
    }

    static List<ObjectNode> build(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + dir);
        }
        ObjectNode kustomization = K8sYaml.parse(file).get(0);
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED.contains(field)) {
                throw unsupported(file, "field '" + field + "'");
            }
        });
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            objects.addAll(Files.isDirectory(path) ? build(path) : K8sYaml.parse(path));
        }
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(file, patch, objects);
        }
        String namespace = kustomization.path("namespace").asText("");
        if (!namespace.isEmpty()) {
            objects.forEach(o -> setNamespace(file, o, namespace));
        }
        for (JsonNode labels : kustomization.path("labels")) {
            if (labels.path("includeSelectors").asBoolean(false) || labels.path("includeTemplates").asBoolean(false)) {
                throw unsupported(file, "labels with includeSelectors or includeTemplates");
            }
            objects.forEach(o -> {
                ObjectNode metadata = o.with("metadata");
                labels.path("pairs").fields().forEachRemaining(e -> metadata.with("labels").set(e.getKey(),
                        e.getValue()));
            });
        }
        K8sYaml.byId(objects); // kustomize refuses two objects with one identity
        return objects;
    }

    private static void applyPatch(Path file, JsonNode patch, List<ObjectNode> objects) {
        JsonNode target = patch.path("target");
        target.fieldNames().forEachRemaining(field -> {
            if (!Set.of("kind", "name").contains(field)) {
                throw unsupported(file, "patch target field '" + field + "'");
            }
        });
        if (!patch.has("patch") || patch.has("path")) {
            throw unsupported(file, "a patch from a file (only inline patches are emulated)");
        }
        JsonNode operations = readYaml(file, patch.path("patch").asText());
        if (!operations.isArray()) {
            throw unsupported(file, "a strategic merge patch (only JSON 6902 patches are emulated)");
        }
        int matched = 0;
        for (int i = 0; i < objects.size(); i++) {
            ObjectNode object = objects.get(i);
            if (matches(target, object)) {
                objects.set(i, (ObjectNode) JsonPatch.apply(operations, object));
                matched++;
            }
        }
        if (matched == 0) {
            throw new IllegalStateException(file + ": patch target " + target + " matches no object");
        }
    }

    private static JsonNode readYaml(Path file, String text) {
        try {
            return K8sYaml.YAML.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": unreadable patch", e);
        }
    }

    private static boolean matches(JsonNode target, ObjectNode object) {
        return (!target.has("kind") || target.path("kind").asText().equals(object.path("kind").asText()))
                && (!target.has("name") || target.path("name").asText()
                        .equals(object.path("metadata").path("name").asText()));
    }

    private static void setNamespace(Path file, ObjectNode object, String namespace) {
        String kind = object.path("kind").asText();
        if (Set.of("APIService", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration").contains(kind)) {
            throw unsupported(file, "the namespace of " + kind + " references");
        }
        if ("Namespace".equals(kind)) {
            object.with("metadata").put("name", namespace);
        } else if (!K8sYaml.isClusterScoped(object)) {
            object.with("metadata").put("namespace", namespace);
        }
        if (kind.endsWith("RoleBinding") && object.get("subjects") instanceof ArrayNode subjects) {
            for (JsonNode subject : subjects) {
                if (!"ServiceAccount".equals(subject.path("kind").asText())) {
                    continue;
                }
                if ("default".equals(subject.path("name").asText())) {
                    ((ObjectNode) subject).put("namespace", namespace);
                } else if (subject.path("namespace").asText("").isEmpty()) {
                    throw unsupported(file, "a ServiceAccount subject without namespace in " + K8sYaml.id(object));
                }
            }
        }
    }

    private static IllegalStateException unsupported(Path file, String what) {
        return new IllegalStateException(file + ": " + what + " is not emulated by " + KustomizeBuild.class.getName()
                + "; extend it (and check it against kustomize) or keep config/ to what it supports");
    }
}
