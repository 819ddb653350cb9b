package io.llmload.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmload.operator.config.LeaderElectionSettings;
import io.llmload.operator.config.OperatorConfig;
import io.llmload.operator.dependent.Labels;
import io.llmload.operator.rbac.RepoFiles;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each value of the chart renders what values.yaml says it does (the defaults: ChartMatchesKustomizeTest). */
class ChartValuesTest {

    private static final String NS = "llmload-system";
    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    private final HelmChart chart = HelmChart.source();

    @Test
    void everyNamespaceIsWatchedThroughAClusterRoleBinding() {
        List<ObjectNode> objects = chart.render(NS, null);

        assertThat(K8sYaml.ofKind(objects, "ClusterRoleBinding")).singleElement().satisfies(binding -> {
            assertThat(binding.at("/roleRef/name").asText()).isEqualTo("llmload-operator");
            assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(NS);
        });
        assertThat(env(objects)).doesNotContainKey("QUARKUS_OPERATOR_SDK_NAMESPACES");
    }

    @Test
    void listedNamespacesGetARoleEachAndTheOperatorNoClusterRoleBinding() {
        List<ObjectNode> objects = chart.render(NS, "watchNamespaces: {mode: list, list: [team-a, team-b]}\n");

        assertThat(env(objects)).containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "team-a,team-b");
        List<ObjectNode> roles = K8sYaml.ofKind(objects, "Role").stream()
                .filter(r -> r.at("/metadata/name").asText().equals("llmload-operator")).toList();
        assertThat(roles).extracting(r -> r.at("/metadata/namespace").asText()).containsExactly("team-a", "team-b");
        JsonNode namespacedRules = namespacedRulesOfTheClusterRole();
        assertThat(roles).allSatisfy(role -> assertThat(role.get("rules")).isEqualTo(namespacedRules));
        assertThat(K8sYaml.ofKind(objects, "RoleBinding")).filteredOn(b -> b.at("/metadata/name").asText()
                .equals("llmload-operator")).hasSize(2).allSatisfy(binding -> {
                    assertThat(binding.at("/roleRef/kind").asText()).isEqualTo("Role");
                    assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("llmload-operator");
                    assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(NS);
                });
        // The only ClusterRoleBinding is the CRD reader, to a group, not to the operator.
        assertThat(K8sYaml.ofKind(objects, "ClusterRoleBinding")).singleElement()
                .satisfies(b -> assertThat(b.at("/metadata/name").asText()).isEqualTo("llmload-crd-reader"));
        assertThat(K8sYaml.ofKind(objects, "ClusterRole")).extracting(r -> r.at("/metadata/name").asText())
                .doesNotContain("llmload-operator");
    }

    @Test
    void ownNamespaceIsTheReleaseNamespace() {
        List<ObjectNode> objects = chart.render("team-c", "watchNamespaces: {mode: own}\n");

        assertThat(env(objects)).containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "JOSDK_WATCH_CURRENT");
        assertThat(K8sYaml.ofKind(objects, "Role")).extracting(K8sYaml::id).containsExactlyInAnyOrder(
                "Role team-c/llmload-operator", "Role team-c/llmload-operator-leader-election");
    }

    @Test
    void valuesThatCannotWorkAreRefusedByName() {
        assertThat(chart.failure(NS, "watchNamespaces: {mode: list}\n")).contains("watchNamespaces.list");
        assertThat(chart.failure(NS, "watchNamespaces: {mode: some}\n")).contains("watchNamespaces.mode");
        // values.schema.json: a misspelt value fails instead of being ignored.
        assertThat(chart.failure(NS, "replicas: 2\n")).contains("replicas");
        assertThat(chart.failure(NS, "runner: {allowedImage: [x]}\n")).contains("allowedImage");
    }

    @Test
    void sharedClusterObjectsCanBeLeftToAnotherRelease() {
        List<ObjectNode> objects = chart.render(NS, """
                watchNamespaces: {mode: own}
                rbac: {crdReader: {create: false}}
                userRoles: {create: false}
                """);

        assertThat(objects).noneMatch(K8sYaml::isClusterScoped);
    }

    @Test
    void aDigestPinsTheImagesAndATagReplacesTheAppVersion() {
        assertThat(image(chart.render(NS, "image: {digest: '" + DIGEST + "'}\nrunner: {image: {digest: '"
                + DIGEST + "'}}\n"))).isEqualTo("ghcr.io/llmload/llmload-operator@" + DIGEST);
        assertThat(env(chart.render(NS, "runner: {image: {digest: '" + DIGEST + "'}}\n")))
                .containsEntry("LLMLOAD_RUNNER_IMAGE", "ghcr.io/llmload/llmload-runner@" + DIGEST);
        List<ObjectNode> tagged = chart.render(NS, """
                image: {repository: registry.example.com/llmload-operator, tag: dev}
                runner: {image: {repository: registry.example.com/llmload-runner, tag: dev}}
                """);
        assertThat(image(tagged)).isEqualTo("registry.example.com/llmload-operator:dev");
        assertThat(env(tagged)).containsEntry("LLMLOAD_RUNNER_IMAGE", "registry.example.com/llmload-runner:dev");
        assertThat(chart.failure(NS, "image: {digest: 'latest'}\n")).contains("digest");
    }

    @Test
    void withoutLeaderElectionOneReplicaIsReplacedNeverOverlapped() throws NoSuchMethodException {
        List<ObjectNode> objects = chart.render(NS, "leaderElection: {enabled: false}\n");

        assertThat(deployment(objects).at("/spec/strategy/type").asText()).isEqualTo("Recreate");
        assertThat(env(objects)).containsEntry(envName("llmload.leader-election.enabled"), "false");
        assertThat(K8sYaml.ofKind(objects, "Role")).isEmpty();
        assertThat(chart.failure(NS, "leaderElection: {enabled: false}\nreplicaCount: 2\n"))
                .contains("replicaCount > 1 needs leaderElection.enabled=true");
        // With it (the default): rolling updates, and the operator's own default lease name needs no variable.
        List<ObjectNode> defaults = chart.render(NS, null);
        assertThat(deployment(defaults).at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
        assertThat(leaseRoleNames(defaults)).containsExactly(defaultOf(LeaderElectionSettings.class, "leaseName"));
        assertThat(defaultOf(LeaderElectionSettings.class, "enabled")).isEqualTo("true");
    }

    @Test
    void anotherLeaseNameReachesTheOperatorAndItsRole() {
        List<ObjectNode> objects = chart.render(NS, "leaderElection: {leaseName: team-lease}\n");

        assertThat(env(objects)).containsEntry(envName("llmload.leader-election.lease-name"), "team-lease");
        assertThat(leaseRoleNames(objects)).containsExactly("team-lease");
    }

    @Test
    void allowlistsBecomeTheOperatorsEnvironment() {
        Map<String, String> env = env(chart.render(NS, """
                runner:
                  allowedImages: [ghcr.io/llmload/llmload-runner:0.1.0, registry.example.com/runner:dev]
                  allowedServiceAccounts: [llmload-runner, gpu-reader]
                  networkPolicy: false
                allowedNamespaces: [gpu-operator, monitoring]
                """));

        assertThat(env).containsEntry(envName("llmload.runner.allowed-images"),
                "ghcr.io/llmload/llmload-runner:0.1.0,registry.example.com/runner:dev");
        assertThat(env).containsEntry(envName("llmload.runner.allowed-service-accounts"), "llmload-runner,gpu-reader");
        assertThat(env).containsEntry(envName("llmload.runner.network-policy"), "false");
        assertThat(env).containsEntry(envName("llmload.allowed-namespaces"), "gpu-operator,monitoring");
        // Unset values leave the operator's defaults alone.
        assertThat(env(chart.render(NS, null)).keySet()).noneMatch(name -> name.contains("ALLOWED")
                || name.contains("NETWORK_POLICY"));
    }

    @Test
    void extraEnvComesLastAndResourcesAreReplaced() throws NoSuchMethodException {
        List<ObjectNode> objects = chart.render(NS, """
                extraEnv:
                  - {name: QUARKUS_LOG_CATEGORY__IO_LLMLOAD__LEVEL, value: DEBUG}
                  - name: LLMLOAD_POLL_INTERVAL
                    value: 10s
                resources:
                  requests: {cpu: 250m, memory: 512Mi}
                  limits: {memory: 1Gi}
                """);

        assertThat(env(objects).keySet()).containsExactly("LLMLOAD_RUNNER_IMAGE", "KUBERNETES_NAMESPACE",
                "JAVA_TOOL_OPTIONS", "QUARKUS_LOG_CATEGORY__IO_LLMLOAD__LEVEL", "LLMLOAD_POLL_INTERVAL");
        assertThat(envName("llmload.poll-interval")).isEqualTo("LLMLOAD_POLL_INTERVAL");
        assertThat(defaultOf(OperatorConfig.class, "pollInterval")).isEqualTo("5s");
        JsonNode resources = container(objects).get("resources");
        assertThat(resources.at("/requests/cpu").asText()).isEqualTo("250m");
        assertThat(resources.at("/requests/memory").asText()).isEqualTo("512Mi");
        assertThat(resources.at("/limits/memory").asText()).isEqualTo("1Gi");
        assertThat(resources.at("/limits").size()).isEqualTo(1);
    }

    @Test
    void theOperatorsNetworkPolicyLetsItReachRunnersTheApiServerAndDns() throws NoSuchMethodException {
        List<ObjectNode> objects = chart.render(NS, """
                networkPolicy:
                  enabled: true
                  metricsFrom:
                    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
                  apiServer: {ports: [6443], cidrs: [172.18.0.2/32]}
                  extraEgress:
                    - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: gpu-operator}}}]
                      ports: [{port: 9400, protocol: TCP}]
                """);
        ObjectNode policy = K8sYaml.single(objects, "NetworkPolicy");

        assertThat(policy.at("/spec/podSelector/matchLabels"))
                .isEqualTo(deployment(objects).at("/spec/selector/matchLabels"));
        assertThat(policy.at("/spec/policyTypes").toString()).isEqualTo("[\"Ingress\",\"Egress\"]");
        JsonNode ingress = policy.at("/spec/ingress/0");
        assertThat(ingress.at("/ports/0/port").asInt()).isEqualTo(8080);
        assertThat(ingress.at("/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                .isEqualTo("monitoring");
        JsonNode egress = policy.at("/spec/egress");
        assertThat(egress).hasSize(4);
        assertThat(egress.get(0).at("/ports/0/port").asInt()).isEqualTo(53);
        assertThat(egress.get(1).at("/ports/0/port").asInt()).isEqualTo(6443);
        assertThat(egress.get(1).at("/to/0/ipBlock/cidr").asText()).isEqualTo("172.18.0.2/32");
        // Runner pods: the label the operator puts on them, the port it calls them on.
        JsonNode runners = egress.get(2);
        assertThat(runners.at("/to/0/podSelector/matchLabels").toString())
                .isEqualTo("{\"" + Labels.MANAGED_BY + "\":\"" + Labels.OPERATOR + "\"}");
        assertThat(runners.at("/to/0/namespaceSelector").isEmpty()).isTrue();
        assertThat(runners.at("/ports/0/port").asText())
                .isEqualTo(defaultOf(OperatorConfig.Runner.class, "controlPort"));
        assertThat(egress.get(3).at("/ports/0/port").asInt()).isEqualTo(9400);
        // Open ingress on the metrics port when nobody is named.
        ObjectNode open = K8sYaml.single(chart.render(NS, "networkPolicy: {enabled: true}\n"), "NetworkPolicy");
        assertThat(open.at("/spec/ingress/0").has("from")).isFalse();
        assertThat(open.at("/spec/egress/1").has("to")).isFalse();
    }

    @Test
    void podMonitorScrapesTheOperatorPods() {
        List<ObjectNode> objects = chart.render(NS, """
                metrics:
                  podMonitor: {enabled: true, interval: 15s, labels: {release: prometheus}}
                  serviceMonitor: {enabled: true, labels: {release: prometheus}}
                """);
        ObjectNode podMonitor = K8sYaml.single(objects, "PodMonitor");

        assertThat(podMonitor.at("/spec/selector/matchLabels")).isEqualTo(deployment(objects)
                .at("/spec/selector/matchLabels"));
        assertThat(podMonitor.at("/spec/podMetricsEndpoints/0/port").asText()).isEqualTo("http");
        assertThat(podMonitor.at("/spec/podMetricsEndpoints/0/path").asText()).isEqualTo("/q/metrics");
        assertThat(podMonitor.at("/spec/podMetricsEndpoints/0/interval").asText()).isEqualTo("15s");
        assertThat(K8sYaml.labels(podMonitor)).containsEntry("release", "prometheus");
        assertThat(K8sYaml.labels(K8sYaml.single(objects, "ServiceMonitor"))).containsEntry("release",
                "prometheus");
    }

    @Test
    void runnerPodMonitorScrapesEveryTestsRunnersAndTheOperatorAdmitsPrometheus() throws NoSuchMethodException {
        List<ObjectNode> objects = chart.render(NS, """
                metrics:
                  runnerPodMonitor: {enabled: true, interval: 5s, labels: {release: prometheus}}
                runner: {metricsPort: 9100, metricsFrom: [monitoring, obs]}
                """);
        ObjectNode podMonitor = K8sYaml.single(objects, "PodMonitor");

        // The labels the operator puts on every runner pod (dependent.Labels), in every namespace.
        assertThat(podMonitor.at("/spec/selector/matchLabels").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder(Labels.MANAGED_BY, "app.kubernetes.io/name");
        assertThat(podMonitor.at("/spec/selector/matchLabels/" + Labels.MANAGED_BY.replace("/", "~1")).asText())
                .isEqualTo(Labels.OPERATOR);
        assertThat(podMonitor.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText())
                .isEqualTo("llmload-runner");
        assertThat(podMonitor.at("/spec/namespaceSelector/any").asBoolean()).isTrue();
        assertThat(podMonitor.at("/spec/podMetricsEndpoints/0/port").asText()).isEqualTo("metrics");
        assertThat(podMonitor.at("/spec/podMetricsEndpoints/0/path").asText()).isEqualTo("/metrics");
        assertThat(podMonitor.at("/spec/podMetricsEndpoints/0/interval").asText()).isEqualTo("5s");
        assertThat(K8sYaml.labels(podMonitor)).containsEntry("release", "prometheus");
        assertThat(env(objects)).containsEntry(envName("llmload.runner.metrics-port"), "9100")
                .containsEntry(envName("llmload.runner.metrics-from"), "monitoring,obs");
        // The chart's default port is the operator's: nothing to say then.
        assertThat(defaultOf(OperatorConfig.Runner.class, "metricsPort")).isEqualTo("9090");
        assertThat(env(chart.render(NS, null))).doesNotContainKeys(envName("llmload.runner.metrics-port"),
                envName("llmload.runner.metrics-from"));
    }

    @Test
    void theGrafanaDashboardIsAConfigMapForTheSidecar(@TempDir Path dir) throws IOException {
        // The chart ships config/grafana/llmload.json (its copy is kept identical by ChartSourcesTest).
        ObjectNode shipped = K8sYaml.single(chart.render(NS, "grafanaDashboard: {enabled: true}\n"), "ConfigMap");
        assertThat(shipped.at("/data/llmload.json").asText())
                .isEqualTo(Files.readString(RepoFiles.root().resolve("config/grafana/llmload.json")).strip());
        // A chart without its copy says what is missing.
        HelmChart withoutDashboard = HelmChart.copyTo(dir.resolve("bare"));
        Files.delete(withoutDashboard.dir().resolve("files/grafana/llmload.json"));
        assertThat(withoutDashboard.failure(NS, "grafanaDashboard: {enabled: true}\n"))
                .contains("files/grafana/llmload.json");

        HelmChart withDashboard = HelmChart.copyTo(dir.resolve("chart"));
        String dashboard = "{\n  \"title\": \"llmload\",\n  \"panels\": []\n}";
        Files.createDirectories(withDashboard.dir().resolve("files/grafana"));
        Files.writeString(withDashboard.dir().resolve("files/grafana/llmload.json"), dashboard);
        ObjectNode configMap = K8sYaml.single(withDashboard.render(NS, """
                grafanaDashboard:
                  enabled: true
                  namespace: monitoring
                  annotations: {grafana_folder: LLM}
                """), "ConfigMap");

        assertThat(configMap.at("/metadata/namespace").asText()).isEqualTo("monitoring");
        assertThat(K8sYaml.labels(configMap)).containsEntry("grafana_dashboard", "1");
        assertThat(configMap.at("/metadata/annotations/grafana_folder").asText()).isEqualTo("LLM");
        assertThat(configMap.at("/data/llmload.json").asText()).isEqualTo(dashboard);
    }

    @Test
    void podPlacementValuesReachThePod() {
        ObjectNode pod = (ObjectNode) deployment(chart.render(NS, """
                nodeSelector: {kubernetes.io/os: linux}
                tolerations: [{key: dedicated, operator: Equal, value: infra, effect: NoSchedule}]
                priorityClassName: system-cluster-critical
                podAnnotations: {example.com/team: perf}
                podLabels: {team: perf}
                imagePullSecrets: [{name: registry}]
                """)).at("/spec/template");

        assertThat(pod.at("/spec/nodeSelector/kubernetes.io~1os").asText()).isEqualTo("linux");
        assertThat(pod.at("/spec/tolerations/0/key").asText()).isEqualTo("dedicated");
        assertThat(pod.at("/spec/priorityClassName").asText()).isEqualTo("system-cluster-critical");
        assertThat(pod.at("/metadata/annotations/example.com~1team").asText()).isEqualTo("perf");
        assertThat(pod.at("/metadata/labels/team").asText()).isEqualTo("perf");
        assertThat(pod.at("/spec/imagePullSecrets/0/name").asText()).isEqualTo("registry");
    }

    /** The rules of config/rbac/cluster_role.yaml that a Role can grant (the CRD rule is cluster-scoped). */
    static JsonNode namespacedRulesOfTheClusterRole() {
        ObjectNode role = K8sYaml.parse(RepoFiles.root().resolve("config/rbac/cluster_role.yaml")).get(0);
        var rules = role.withArray("rules").deepCopy();
        List<Integer> clusterScoped = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).path("apiGroups").toString().contains("apiextensions.k8s.io")) {
                clusterScoped.add(i);
            }
        }
        assertThat(clusterScoped).as("the CRD rule").hasSize(1);
        rules.remove(clusterScoped.get(0));
        return rules;
    }

    /** Quarkus' environment variable for a property: upper case, every other character an underscore. */
    static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    static String defaultOf(Class<?> config, String method) throws NoSuchMethodException {
        return config.getMethod(method).getAnnotation(WithDefault.class).value();
    }

    private static List<String> leaseRoleNames(List<ObjectNode> objects) {
        List<String> names = new ArrayList<>();
        K8sYaml.ofKind(objects, "Role").stream()
                .filter(r -> r.at("/metadata/name").asText().equals("llmload-operator-leader-election"))
                .forEach(r -> r.get("rules").forEach(rule -> rule.path("resourceNames")
                        .forEach(n -> names.add(n.asText()))));
        return names;
    }

    private static ObjectNode deployment(List<ObjectNode> objects) {
        return K8sYaml.single(objects, "Deployment");
    }

    private static JsonNode container(List<ObjectNode> objects) {
        return deployment(objects).at("/spec/template/spec/containers/0");
    }

    private static String image(List<ObjectNode> objects) {
        return container(objects).path("image").asText();
    }

    /** The operator container's environment in order (valueFrom entries as "valueFrom"). */
    private static Map<String, String> env(List<ObjectNode> objects) {
        Map<String, String> env = new LinkedHashMap<>();
        container(objects).path("env").forEach(e -> env.put(e.path("name").asText(),
                e.has("value") ? e.path("value").asText() : "valueFrom"));
        return env;
    }
}
