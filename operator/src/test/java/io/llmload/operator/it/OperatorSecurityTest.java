package io.llmload.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.llmload.runner.worker.ControlToken;
import io.llmload.runner.worker.WorkerPlan;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runners obey only their operator, and a test cannot make the operator reach outside its namespace: a random token
 * per test in a Secret the test owns, mounted into the runner pods and sent by the operator with every call (other
 * callers get 401) and never shown anywhere; a NetworkPolicy admitting only the operator's pods; hardened runner
 * pods; references outside the operator's access policy refused before anything runs.
 */
@QuarkusTest
@TestProfile(LoopbackRunnersProfile.class)
@WithKubernetesTestServer(crud = true)
class OperatorSecurityTest {

    private static final String NS = "sec";
    private static final List<String> VERBOSE = List.of("io.llmload", "io.javaoperatorsdk");

    @Inject
    KubernetesClient client;

    private Simulator simulator;
    private FakeCluster cluster;
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logLines.add(record.getLevel() + " " + record.getLoggerName() + " " + record.getMessage());
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    logLines.add(String.valueOf(parameter));
                }
            }
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                logLines.add(String.valueOf(t));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final List<Level> levels = new ArrayList<>();

    @BeforeEach
    void start() {
        simulator = Simulator.start(SimulatorConfig.defaults());
        cluster = new FakeCluster(client, NS, 61);
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
        // The operator's and the framework's debug output too: a token must not leak at any level.
        for (String category : VERBOSE) {
            levels.add(Logger.getLogger(category).getLevel());
            Logger.getLogger(category).setLevel(Level.FINE);
        }
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
        for (int i = 0; i < VERBOSE.size(); i++) {
            Logger.getLogger(VERBOSE.get(i)).setLevel(levels.get(i));
        }
        cluster.close();
        simulator.close();
    }

    @Test
    void runnersObeyOnlyTheirOperatorAndTheTokenNeverLeaks() throws Exception {
        client.resource(Manifests.chatTest("guarded", NS, simulator.baseUrl(), 2, "")).create();
        Job job = cluster.awaitJob("guarded-runners");
        String uid = client.resources(io.llmload.operator.api.v1alpha1.LlmLoadTest.class).inNamespace(NS)
                .withName("guarded").get().getMetadata().getUid();

        // The token: a Secret of its own, owned by the test, immutable, 256 random bits.
        Secret secret = client.secrets().inNamespace(NS).withName("guarded-runner-token").get();
        assertThat(secret.getImmutable()).isTrue();
        assertThat(secret.getData()).containsOnlyKeys("token");
        assertOwnedBy(secret.getMetadata().getOwnerReferences(), uid);
        ControlToken token = cluster.token(job);
        assertThat(token.value()).hasSize(43);

        // The runner pods read it from a read-only file, never from the environment; hardened pods.
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Volume tokenVolume = pod.getVolumes().stream().filter(v -> "control-token".equals(v.getName())).findFirst()
                .orElseThrow();
        assertThat(tokenVolume.getSecret().getSecretName()).isEqualTo("guarded-runner-token");
        assertThat(tokenVolume.getSecret().getItems()).singleElement()
                .satisfies(i -> assertThat(i.getPath()).isEqualTo("token"));
        var container = pod.getContainers().get(0);
        assertThat(container.getVolumeMounts()).filteredOn(m -> m.getName().equals("control-token")).singleElement()
                .satisfies(m -> {
                    assertThat(m.getMountPath()).isEqualTo("/var/run/llmload/control");
                    assertThat(m.getReadOnly()).isTrue();
                });
        assertThat(container.getEnv()).noneMatch(e -> e.getValueFrom() != null
                && e.getValueFrom().getSecretKeyRef() != null
                && "guarded-runner-token".equals(e.getValueFrom().getSecretKeyRef().getName()));
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
        assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(65532L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(pod.getVolumes()).filteredOn(v -> v.getEmptyDir() != null).isNotEmpty()
                .allSatisfy(v -> assertThat(v.getEmptyDir().getSizeLimit()).hasToString("128Mi"));

        // Only the operator's pods may reach the runners' control port.
        NetworkPolicy policy = client.network().v1().networkPolicies().inNamespace(NS).withName("guarded-runners")
                .get();
        assertOwnedBy(policy.getMetadata().getOwnerReferences(), uid);
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(Map.of(
                "app.kubernetes.io/managed-by", "llmload-operator", "llmload.io/test", "guarded"));
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).as("egress stays open: runners reach the target")
                .containsExactly("Ingress");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            NetworkPolicyPeer from = rule.getFrom().get(0);
            assertThat(rule.getFrom()).hasSize(1);
            assertThat(from.getNamespaceSelector().getMatchLabels())
                    .isEqualTo(Map.of("kubernetes.io/metadata.name", client.getNamespace()));
            assertThat(from.getPodSelector().getMatchLabels())
                    .isEqualTo(Map.of("app.kubernetes.io/name", "llmload-operator"));
            assertThat(rule.getPorts()).singleElement().satisfies(port -> {
                assertThat(port.getProtocol()).isEqualTo("TCP");
                assertThat(port.getPort().getIntVal()).isEqualTo(LoopbackRunnersProfile.CONTROL_PORT);
            });
        });

        WorkerPlan plan = cluster.plan("guarded-plan");
        cluster.runPods(job, plan);
        // Anyone else who reaches a runner is refused; the operator, which has the token, runs the test.
        String runner = "http://" + cluster.ip(0) + ":" + LoopbackRunnersProfile.CONTROL_PORT;
        assertThat(post(runner + "/v1/abort", null)).isEqualTo(401);
        assertThat(post(runner + "/v1/abort", ControlToken.generate().authorization())).isEqualTo(401);
        assertThat(post(runner + "/v1/release", "Bearer " + token.value().toUpperCase())).isEqualTo(401);
        await().atMost(Duration.ofSeconds(60)).until(() -> status().getPhase(),
                p -> LlmLoadTestStatus.PHASE_SUCCEEDED.equals(p) || LlmLoadTestStatus.PHASE_FAILED.equals(p));
        LlmLoadTestStatus status = status();
        assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(LlmLoadTestStatus.PHASE_SUCCEEDED);
        assertThat(status.getSummary().requests()).isPositive();

        // The token is nowhere but in its Secret: not in the status, the Events, the plan, the report, the Job or
        // the operator's logs (debug included).
        String value = token.value();
        assertThat(Serialization.asJson(status)).doesNotContain(value);
        await().atMost(Duration.ofSeconds(10)).until(() -> new Observed(client, NS).eventReasons("guarded")
                .contains("Completed"));
        assertThat(client.v1().events().inNamespace(NS).list().getItems()).extracting(Event::getMessage)
                .isNotEmpty().noneMatch(m -> m.contains(value));
        ConfigMap planMap = client.configMaps().inNamespace(NS).withName("guarded-plan").get();
        assertThat(Serialization.asJson(planMap)).doesNotContain(value);
        String report = new Observed(client, NS).reportJson(status);
        assertThat(report).contains("\"overall\"").doesNotContain(value);
        assertThat(Serialization.asJson(job)).doesNotContain(value);
        assertThat(logLines).as("debug records captured").anyMatch(line -> line.startsWith("DEBUG ")
                || line.startsWith("FINE "));
        assertThat(logLines).noneMatch(line -> line.contains(value));
    }

    @Test
    void referencesOutsideTheAccessPolicyAreRefusedBeforeAnythingRuns() {
        String yaml = "apiVersion: llmload.io/v1alpha1\n"
                + "kind: LlmLoadTest\n"
                + "metadata: {name: deputy, namespace: " + NS + "}\n"
                + "spec:\n"
                + "  target:\n"
                + "    url: '" + simulator.baseUrl() + "'\n"
                + "    model: llmload-sim\n"
                + "    metrics: {source: pods, podSelector: {app: vllm}, namespace: payments,\n"
                + "      dcgm: {url: 'http://dcgm-exporter.gpu-operator.svc:9400/metrics'}}\n"
                + "  workload:\n"
                + "    mix:\n"
                + "      - {name: chat, api: chat, prompt: {inputTokens: {value: 8}},"
                + " output: {maxTokens: {value: 4}}}\n"
                + "  load: {model: closed, stages: [{duration: 1s, users: 1}]}\n"
                + "  runners: {image: 'evil.example.com/miner:latest', serviceAccountName: payments-deployer}\n";
        client.resource(Manifests.fromYaml(yaml)).create();

        await().atMost(Duration.ofSeconds(20)).until(() -> status("deputy").getPhase(),
                LlmLoadTestStatus.PHASE_FAILED::equals);
        var valid = Observed.condition(status("deputy"), "Valid");
        assertThat(valid.getStatus()).isEqualTo("False");
        assertThat(valid.getReason()).isEqualTo("InvalidSpec");
        assertThat(valid.getMessage()).contains(
                "spec.target.metrics.namespace: 'payments' is not the test's namespace (sec): the operator reads "
                        + "metrics only there; run the test in 'payments', or ask the operator's administrator to "
                        + "allow it (llmload.allowed-namespaces)",
                "spec.target.metrics.dcgm.url: host 'dcgm-exporter.gpu-operator.svc' is outside the test's "
                        + "namespace: the operator reads metrics only from Services of the test's namespace, "
                        + "written <service>.sec.svc, or from 127.0.0.1; the operator's administrator can allow "
                        + "more with llmload.allowed-namespaces or llmload.allowed-metrics-hosts",
                "spec.runners.image: 'evil.example.com/miner:latest' is not an allowed runner image: remove "
                        + "spec.runners.image to use the operator's (ghcr.io/llmload/llmload-runner:0.1.0), or ask the "
                        + "operator's administrator to allow it (llmload.runner.allowed-images)",
                "spec.runners.serviceAccountName: 'payments-deployer' is not an allowed runner ServiceAccount: "
                        + "remove it (runners need no Kubernetes API access; they run as the namespace's default "
                        + "account), or ask the operator's administrator to allow it "
                        + "(llmload.runner.allowed-service-accounts, now none)");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.v1().events().inNamespace(NS).list().getItems()
                .stream().anyMatch(e -> "deputy".equals(e.getInvolvedObject().getName())
                        && "InvalidSpec".equals(e.getReason()) && "Warning".equals(e.getType())
                        && e.getMessage().contains("spec.target.metrics.namespace: 'payments'")));
        // Nothing was created for it, and the operator never listed pods in the other namespace.
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("deputy-runners").get()).isNull();
        assertThat(client.secrets().inNamespace(NS).withName("deputy-runner-token").get()).isNull();
    }

    private static void assertOwnedBy(List<OwnerReference> owners, String uid) {
        assertThat(owners).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("LlmLoadTest");
            assertThat(o.getUid()).isEqualTo(uid);
        });
    }

    private static int post(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"not the operator\"}"))
                .header("content-type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private LlmLoadTestStatus status() {
        return status("guarded");
    }

    private LlmLoadTestStatus status(String name) {
        return new Observed(client, NS).status(name);
    }
}
