package io.llmload.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.LintResult;
import io.llmload.operator.rbac.RepoFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One source of truth for two install methods: the Helm chart renders, value for value, the objects of the kustomize
 * bases — config/default with the default values, config/overlays/namespaced + config/cluster with
 * watchNamespaces.mode=own, config/overlays/ha with the HA values, config/prometheus with the ServiceMonitor and the runners' PodMonitor on.
 * Objects are matched by kind, namespace and name and must be equal apart from metadata.labels, where the chart may
 * add Helm's labels to config/'s. So whatever is added to config/ must be added to the chart, and the reverse.
 *
 * <p>Two documented differences: the Namespace of config/default, which Helm creates ({@code --create-namespace}),
 * and the CRD, which Helm installs from the chart's crds/ (a copy, ChartSourcesTest) rather than from templates.
 */
class ChartMatchesKustomizeTest {

    private static final int MAX_DIFFERENCES = 20;

    private final Path config = RepoFiles.root().resolve("config");
    private final HelmChart chart = HelmChart.source();

    @Test
    void chartPassesHelmLintStrict() {
        LintResult lint = chart.lint();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.startsWith("[ERROR]") || m.startsWith("[WARNING]"));
    }

    @Test
    void defaultValuesRenderConfigDefault() {
        List<ObjectNode> kustomize = KustomizeBuild.build(config.resolve("default"));
        assertThat(K8sYaml.ofKind(kustomize, "Namespace")).singleElement()
                .satisfies(ns -> assertThat(K8sYaml.id(ns)).isEqualTo("Namespace llmload-system"));

        assertSameObjects(withoutKinds(kustomize, "Namespace", "CustomResourceDefinition"),
                chart.render("llmload-system", null));
        // The chart's CRD is the generated file as it is, without config/default's part-of label.
        ObjectNode crd = K8sYaml.single(kustomize, "CustomResourceDefinition");
        ObjectNode chartCrd = K8sYaml.parse(HelmChart.SOURCE.resolve(ChartSourcesTest.CRD_COPY)).get(0);
        assertThat(JsonDiff.differences(K8sYaml.withoutLabels(crd), chartCrd, MAX_DIFFERENCES)).isEmpty();
    }

    @Test
    void ownNamespaceModeRendersTheNamespacedOverlayAndConfigCluster() {
        List<ObjectNode> expected = new ArrayList<>(KustomizeBuild.build(config.resolve("overlays/namespaced")));
        expected.addAll(withoutKinds(KustomizeBuild.build(config.resolve("cluster")), "CustomResourceDefinition"));

        assertSameObjects(expected, chart.render("llmload", "watchNamespaces: {mode: own}\n"));
    }

    @Test
    void haValuesRenderTheHaOverlay() {
        String values = """
                replicaCount: 2
                podDisruptionBudget: {enabled: true}
                topologySpreadConstraints:
                  - maxSkew: 1
                    topologyKey: kubernetes.io/hostname
                    whenUnsatisfiable: ScheduleAnyway
                    labelSelector:
                      matchLabels:
                        app.kubernetes.io/name: llmload-operator
                """;
        List<ObjectNode> kustomize = KustomizeBuild.build(config.resolve("overlays/ha"));

        assertSameObjects(withoutKinds(kustomize, "Namespace", "CustomResourceDefinition"),
                chart.render("llmload-system", values));
    }

    @Test
    void monitorValuesRenderConfigPrometheus() {
        List<ObjectNode> rendered = chart.render("llmload-system",
                "metrics: {serviceMonitor: {enabled: true}, runnerPodMonitor: {enabled: true}}\n");

        List<ObjectNode> monitors = new java.util.ArrayList<>(K8sYaml.ofKind(rendered, "ServiceMonitor"));
        monitors.addAll(K8sYaml.ofKind(rendered, "PodMonitor"));
        assertSameObjects(KustomizeBuild.build(config.resolve("prometheus")), monitors);
    }

    /** The same objects by identity, equal without labels; the chart keeps every label config/ sets. */
    static void assertSameObjects(List<ObjectNode> expected, List<ObjectNode> actual) {
        Map<String, ObjectNode> want = K8sYaml.byId(expected);
        Map<String, ObjectNode> got = K8sYaml.byId(actual);
        assertThat(got.keySet()).as("objects (kind namespace/name)").containsExactlyInAnyOrderElementsOf(
                want.keySet());
        for (var entry : want.entrySet()) {
            ObjectNode rendered = got.get(entry.getKey());
            List<String> differences = JsonDiff.differences(K8sYaml.withoutLabels(entry.getValue()),
                    K8sYaml.withoutLabels(rendered), MAX_DIFFERENCES);
            assertThat(differences)
                    .withFailMessage("%s differs (kustomize -> chart), first %d:%n  %s", entry.getKey(),
                            MAX_DIFFERENCES, String.join(System.lineSeparator() + "  ", differences))
                    .isEmpty();
            assertThat(K8sYaml.labels(rendered)).as("labels of " + entry.getKey())
                    .containsAllEntriesOf(K8sYaml.labels(entry.getValue()));
        }
    }

    private static List<ObjectNode> withoutKinds(List<ObjectNode> objects, String... kinds) {
        List<String> dropped = List.of(kinds);
        return objects.stream().filter(o -> !dropped.contains(o.path("kind").asText())).toList();
    }
}
