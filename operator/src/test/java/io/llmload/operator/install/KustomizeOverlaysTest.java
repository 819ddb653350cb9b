package io.llmload.operator.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmload.operator.rbac.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kustomize variants around config/default: namespaced, cluster part, HA, user roles. */
class KustomizeOverlaysTest {

    private final Path config = RepoFiles.root().resolve("config");

    @Test
    void theNamespacedOverlayIsNamespacedThroughAndThrough() {
        List<ObjectNode> objects = KustomizeBuild.build(config.resolve("overlays/namespaced"));

        assertThat(objects).noneMatch(K8sYaml::isClusterScoped);
        assertThat(objects).allSatisfy(o -> assertThat(o.at("/metadata/namespace").asText()).isEqualTo("llmload"));
        assertThat(K8sYaml.ofKind(objects, "RoleBinding")).hasSize(2).allSatisfy(binding -> {
            assertThat(binding.at("/roleRef/kind").asText()).isEqualTo("Role");
            assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("llmload-operator");
            assertThat(binding.at("/subjects/0/namespace").asText()).as("the ServiceAccount's namespace")
                    .isEqualTo("llmload");
        });
        JsonNode env = K8sYaml.single(objects, "Deployment").at("/spec/template/spec/containers/0/env");
        assertThat(env.findValuesAsText("name")).contains("QUARKUS_OPERATOR_SDK_NAMESPACES", "KUBERNETES_NAMESPACE");
        assertThat(env.get(env.size() - 1).path("value").asText()).isEqualTo("JOSDK_WATCH_CURRENT");
    }

    /** The Role of a watched namespace grants what the ClusterRole grants, minus what only a ClusterRole can. */
    @Test
    void theWatchedNamespaceRoleHasTheClusterRolesNamespacedRules() {
        ObjectNode role = K8sYaml.single(KustomizeBuild.build(config.resolve("overlays/namespaced/watched-namespace")),
                "Role");

        assertThat(role.get("rules"))
                .withFailMessage("config/overlays/namespaced/watched-namespace/role.yaml must hold the rules of "
                        + "config/rbac/cluster_role.yaml except the CRD rule; differences:%n  %s",
                        JsonDiff.differences(ChartValuesTest.namespacedRulesOfTheClusterRole(), role.get("rules"), 20))
                .isEqualTo(ChartValuesTest.namespacedRulesOfTheClusterRole());
        assertThat(role.has("metadata") && !role.at("/metadata").has("namespace"))
                .as("no namespace: applied with -n into each watched namespace").isTrue();
    }

    @Test
    void theClusterPartHoldsTheCrdTheUserRolesAndTheCrdReader() {
        List<ObjectNode> objects = KustomizeBuild.build(config.resolve("cluster"));

        assertThat(objects).extracting(K8sYaml::id).containsExactlyInAnyOrder(
                "CustomResourceDefinition llmloadtests.llmload.io", "ClusterRole llmload-edit",
                "ClusterRole llmload-view", "ClusterRole llmload-crd-reader", "ClusterRoleBinding llmload-crd-reader");
        ObjectNode reader = K8sYaml.ofKind(objects, "ClusterRole").stream()
                .filter(r -> r.at("/metadata/name").asText().equals("llmload-crd-reader")).findFirst().orElseThrow();
        assertThat(reader.get("rules")).hasSize(1);
        assertThat(reader.at("/rules/0/resourceNames/0").asText()).isEqualTo("llmloadtests.llmload.io");
        assertThat(reader.at("/rules/0/verbs").toString()).isEqualTo("[\"get\"]");
        ObjectNode binding = K8sYaml.single(objects, "ClusterRoleBinding");
        assertThat(binding.at("/subjects/0/kind").asText()).isEqualTo("Group");
        assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("system:serviceaccounts");
    }

    @Test
    void userRolesAggregateIntoEditAndView() {
        List<ObjectNode> roles = KustomizeBuild.build(config.resolve("user-roles"));
        ObjectNode edit = named(roles, "llmload-edit");
        ObjectNode view = named(roles, "llmload-view");

        assertThat(K8sYaml.labels(edit)).containsEntry("rbac.authorization.k8s.io/aggregate-to-edit", "true")
                .containsEntry("rbac.authorization.k8s.io/aggregate-to-admin", "true")
                .doesNotContainKey("rbac.authorization.k8s.io/aggregate-to-view");
        assertThat(K8sYaml.labels(view)).containsEntry("rbac.authorization.k8s.io/aggregate-to-view", "true")
                .containsEntry("rbac.authorization.k8s.io/aggregate-to-edit", "true")
                .containsEntry("rbac.authorization.k8s.io/aggregate-to-admin", "true");
        assertThat(edit.at("/rules/0/resources").toString()).isEqualTo("[\"llmloadtests\"]");
        assertThat(edit.at("/rules/0/verbs")).extracting(JsonNode::asText).containsExactly("get", "list", "watch",
                "create", "update", "patch", "delete", "deletecollection");
        assertThat(edit.at("/rules/1/resources").toString()).isEqualTo("[\"llmloadtests/status\"]");
        assertThat(edit.at("/rules/1/verbs").toString()).as("status is the operator's").isEqualTo(
                "[\"get\",\"list\",\"watch\"]");
        assertThat(edit.get("rules").toString()).doesNotContain("*");
        assertThat(view.at("/rules/0/verbs").toString()).isEqualTo("[\"get\",\"list\",\"watch\"]");
        assertThat(view.at("/rules/0/resources").toString()).isEqualTo("[\"llmloadtests\",\"llmloadtests/status\"]");
    }

    @Test
    void theHaOverlayRunsTwoReplicasThatADrainCannotBothStop() {
        List<ObjectNode> objects = KustomizeBuild.build(config.resolve("overlays/ha"));
        ObjectNode deployment = K8sYaml.single(objects, "Deployment");
        ObjectNode budget = K8sYaml.single(objects, "PodDisruptionBudget");

        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
        assertThat(budget.at("/spec/minAvailable").asInt()).isEqualTo(1);
        assertThat(budget.at("/spec/selector")).isEqualTo(deployment.at("/spec/selector"));
        assertThat(budget.at("/metadata/namespace").asText()).isEqualTo("llmload-system");
    }

    /** The emulation refuses what it does not implement rather than rendering something kustomize would not. */
    @Test
    void kustomizeFeaturesBeyondTheEmulationFailLoudly(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [../x]\nimages:\n  - name: a\n");
        assertThatThrownBy(() -> KustomizeBuild.build(dir)).hasMessageContaining("field 'images'")
                .hasMessageContaining("not emulated");
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [cm.yaml]\npatches:\n"
                + "  - target: {kind: ConfigMap, name: cm}\n    patch: |-\n      data: {a: b}\n");
        Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n");
        assertThatThrownBy(() -> KustomizeBuild.build(dir)).hasMessageContaining("strategic merge patch");
    }

    private static ObjectNode named(List<ObjectNode> objects, String name) {
        return objects.stream().filter(o -> o.at("/metadata/name").asText().equals(name)).findFirst().orElseThrow();
    }
}
