package io.llmload.operator.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.config.LeaderElectionSettings;
import io.llmload.operator.config.OperatorConfig;
import io.llmload.operator.validation.AccessPolicy;
import io.llmload.operator.validation.AccessPolicy;
import io.llmload.operator.validation.SpecValidator;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The install manifests under config/ hang together: the CRD copy is the generated CRD, every file is listed in its
 * kustomization, names and namespaces that must agree do, the Deployment keeps its security settings and probes,
 * and examples/quickstart-k8s.yaml targets its own simulator and passes the operator's validation. (What the
 * kustomizations render: the install package's KustomizeOverlaysTest and ChartMatchesKustomizeTest; applying them
 * needs a cluster: hack/kind-e2e.sh.)
 */
class InstallManifestsTest {

    static final String CRD_FILE = "llmloadtests.llmload.io-v1.yml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path root = RbacCoversOperatorCallsTest.repoRoot();
    private final Path config = root.resolve("config");

    /** config/crd installs the generated CRD itself (crds/ is a kustomize base), not a copy that could drift. */
    @Test
    void configCrdUsesTheGeneratedCrd() throws IOException {
        JsonNode crdBase = YAML.readTree(config.resolve("crd/kustomization.yaml").toFile());
        assertThat(crdBase.get("resources")).extracting(JsonNode::asText).containsExactly("../../crds");
        JsonNode generated = YAML.readTree(root.resolve("crds/kustomization.yaml").toFile());
        assertThat(generated.get("resources")).extracting(JsonNode::asText).containsExactly(CRD_FILE);
        assertThat(root.resolve("crds").resolve(CRD_FILE)).exists();
    }

    @Test
    void everyManifestIsListedInItsKustomization() throws IOException {
        for (String dir : List.of("rbac", "manager", "user-roles", "overlays/namespaced/watched-namespace")) {
            JsonNode kustomization = YAML.readTree(config.resolve(dir).resolve("kustomization.yaml").toFile());
            List<String> listed = new ArrayList<>();
            kustomization.path("resources").forEach(r -> listed.add(r.asText()));
            try (Stream<Path> files = Files.list(config.resolve(dir))) {
                List<String> present = files.map(p -> p.getFileName().toString())
                        .filter(n -> (n.endsWith(".yaml") || n.endsWith(".yml")) && !n.equals("kustomization.yaml"))
                        .sorted().toList();
                assertThat(listed).as("resources of config/%s/kustomization.yaml", dir)
                        .containsExactlyInAnyOrderElementsOf(present);
            }
        }
        JsonNode base = YAML.readTree(config.resolve("default/kustomization.yaml").toFile());
        List<String> bases = new ArrayList<>();
        base.path("resources").forEach(r -> bases.add(r.asText()));
        assertThat(bases).containsExactlyInAnyOrder("namespace.yaml", "../crd", "../rbac", "../user-roles",
                "../manager");
    }

    @Test
    void namesAndNamespacesAgree() throws Exception {
        String namespace = YAML.readTree(config.resolve("default/kustomization.yaml").toFile()).path("namespace")
                .asText();
        assertThat(namespace).isEqualTo("llmload-system");
        assertThat(load("default/namespace.yaml", Namespace.class).getMetadata().getName()).isEqualTo(namespace);

        ServiceAccount account = load("manager/service_account.yaml", ServiceAccount.class);
        ClusterRole role = load("rbac/cluster_role.yaml", ClusterRole.class);
        ClusterRoleBinding binding = load("rbac/cluster_role_binding.yaml", ClusterRoleBinding.class);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo(account.getMetadata().getName());
            assertThat(s.getNamespace()).isEqualTo(namespace);
        });
        assertThat(load("manager/deployment.yaml", Deployment.class).getSpec().getTemplate().getSpec()
                .getServiceAccountName()).isEqualTo(account.getMetadata().getName());

        // Leader election: the Lease Role names the operator's default Lease, bound to the same ServiceAccount.
        Role leaseRole = load("manager/leader_election_role.yaml", Role.class);
        RoleBinding leaseBinding = load("manager/leader_election_role_binding.yaml", RoleBinding.class);
        assertThat(leaseBinding.getRoleRef().getName()).isEqualTo(leaseRole.getMetadata().getName());
        assertThat(leaseBinding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getName()).isEqualTo(account.getMetadata().getName());
            assertThat(s.getNamespace()).isEqualTo(namespace);
        });
        assertThat(leaseRole.getRules()).flatExtracting(r -> r.getResourceNames())
                .containsExactly(LeaderElectionSettings.class.getMethod("leaseName").getAnnotation(WithDefault.class)
                        .value());
    }

    @Test
    void operatorDeploymentIsLockedDownAndProbed() throws Exception {
        Deployment deployment = load("manager/deployment.yaml", Deployment.class);
        var pod = deployment.getSpec().getTemplate().getSpec();
        // Leader election is on by default, so a rolling update may overlap the old and the new pod.
        assertThat(LeaderElectionSettings.class.getMethod("enabled").getAnnotation(WithDefault.class).value())
                .isEqualTo("true");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
                .isZero();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container operator = pod.getContainers().get(0);
        assertThat(operator.getImage()).isEqualTo("ghcr.io/llmload/llmload-operator:0.1.0");
        assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(operator.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(operator.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(operator.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(operator.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(8080);
        });
        assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(env(operator, "LLMLOAD_RUNNER_IMAGE")).isEqualTo(defaultRunnerImage());
        // docs/install.md's overlay example patches /env/0/value.
        assertThat(operator.getEnv().get(0).getName()).isEqualTo("LLMLOAD_RUNNER_IMAGE");

        Service service = load("manager/service.yaml", Service.class);
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getPort()).isEqualTo(8080);
        });
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .isEqualTo(Map.of("app.kubernetes.io/name", "llmload-operator"));
    }

    @Test
    void kubernetesQuickstartTargetsItsSimulatorAndIsValid() throws Exception {
        List<HasMetadata> objects = new ArrayList<>();
        LlmLoadTest test = null;
        for (JsonNode doc : YAML.readerFor(JsonNode.class).<JsonNode>readValues(
                root.resolve("examples/quickstart-k8s.yaml").toFile()).readAll()) {
            String json = doc.toString();
            if ("LlmLoadTest".equals(doc.path("kind").asText())) {
                test = Serialization.unmarshal(json, LlmLoadTest.class);
            } else {
                objects.add(Serialization.unmarshal(json));
            }
        }
        assertThat(test).isNotNull();
        assertThat(test.getMetadata().getName()).isEqualTo("quickstart");
        // Validated as an operator installed with config/ as it is (no allowlists configured) would.
        AccessPolicy installed = new AccessPolicy(Set.of(), List.of(), defaultRunnerImage(), List.of(), Set.of());
        assertThat(SpecValidator.validate(test, installed)).as("the operator's validation").isEmpty();
        assertThat(test.getSpec().getRunners().getReplicas()).isEqualTo(2);

        Deployment simulator = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .findFirst().orElseThrow();
        Service service = objects.stream().filter(Service.class::isInstance).map(Service.class::cast)
                .findFirst().orElseThrow();
        var target = test.getSpec().getTarget();
        assertThat(target.service().name()).isEqualTo(service.getMetadata().getName());
        assertThat(target.model()).isEqualTo("llmload-sim");
        assertThat(service.getSpec().getPorts()).anySatisfy(p -> assertThat(p.getPort())
                .isEqualTo(target.service().port()));
        assertThat(simulator.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        Container container = simulator.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo(defaultRunnerImage());
        assertThat(container.getArgs()).containsExactly("simulate", "--host", "0.0.0.0", "--port", "8000",
                "--profile", "demo-8b-h100");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    }

    /** The tests hack/kind-e2e.sh applies next to the quickstart are valid and target the quickstart's simulator. */
    @Test
    void kindEndToEndTestsAreValid() throws Exception {
        for (String file : List.of("hack/e2e/breach.yaml", "hack/e2e/long-running.yaml")) {
            LlmLoadTest test;
            try (var in = Files.newInputStream(root.resolve(file))) {
                test = Serialization.unmarshal(in, LlmLoadTest.class);
            }
            // The install's defaults: no allowlists beyond the operator's runner image.
            assertThat(SpecValidator.validate(test, new AccessPolicy(Set.of(), List.of(), "runner-image", List.of(),
                    Set.of()))).as(file).isEmpty();
            assertThat(test.getSpec().getTarget().service().name()).as(file).isEqualTo("llmload-sim");
            assertThat(test.getSpec().getRunners().getReplicas()).as(file).isEqualTo(1);
        }
    }

    private <T> T load(String file, Class<T> type) throws IOException {
        try (var in = Files.newInputStream(config.resolve(file))) {
            return Serialization.unmarshal(in, type);
        }
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> name.equals(e.getName())).map(EnvVar::getValue).findFirst()
                .orElse(null);
    }

    /** The operator's built-in default (OperatorConfig.Runner#image): the manifests must say the same. */
    private static String defaultRunnerImage() throws NoSuchMethodException {
        return OperatorConfig.Runner.class.getMethod("image").getAnnotation(WithDefault.class).value();
    }
}
