package io.llmload.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.config.OperatorConfig;
import io.llmload.operator.validation.SpecValidator;
import io.llmload.runner.spec.Violation;
import io.llmload.runner.worker.WorkerPlan;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runner Job's pod template carries every placement field of spec.runners (next to the operator's own labels,
 * env and volumes, which stay), the TLS and tokenizer mounts, and Secret-backed header values as env references;
 * the plan names only paths and references. Pass-through fields that would take over the operator's are rejected.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class RunnerJobPlacementTest {

    private static final String MANIFEST = """
            apiVersion: llmload.io/v1alpha1
            kind: LlmLoadTest
            metadata: {name: placed, namespace: perf}
            spec:
              target:
                url: https://vllm.models.svc:8443
                basePath: /openai/v1
                tls:
                  caSecretRef: {name: internal-ca, key: ca.crt}
                  clientCertSecretName: llmload-client
                headers:
                  - {name: X-Tenant, value: team-a}
                  - {name: X-Gateway-Key, secretKeyRef: {name: gateway, key: token}}
              workload:
                tokenizerFile: {configMapRef: {name: llama3-tokenizer, key: tokenizer.json}}
                mix: [{name: chat, api: chat, prompt: {inputTokens: {value: 64}}}]
              load: {model: closed, stages: [{duration: 1m, users: 8}]}
              runners:
                replicas: 2
                nodeSelector: {node.kubernetes.io/pool: cpu}
                tolerations: [{key: dedicated, operator: Equal, value: loadgen, effect: NoSchedule}]
                affinity:
                  podAffinity:
                    preferredDuringSchedulingIgnoredDuringExecution:
                      - weight: 100
                        podAffinityTerm:
                          topologyKey: topology.kubernetes.io/zone
                          labelSelector: {matchLabels: {app: vllm}}
                topologySpreadConstraints:
                  - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway,
                     labelSelector: {matchLabels: {llmload.io/test: placed}}}
                priorityClassName: loadgen-low
                env: [{name: HTTPS_PROXY, value: 'http://proxy.corp:3128'}, {name: NO_PROXY, value: .svc}]
                volumes: [{name: extra-certs, configMap: {name: corp-bundle}}]
                volumeMounts: [{name: extra-certs, mountPath: /etc/corp-certs, readOnly: true}]
                labels: {team: inference-perf}
                annotations: {sidecar.istio.io/inject: "false"}
            """;

    @Test
    void everyPlacementFieldReachesThePodTemplateBesideTheOperatorsOwn() {
        LlmLoadTest test = Serialization.unmarshal(MANIFEST, LlmLoadTest.class);
        assertThat(SpecValidator.validate(test)).isEmpty();
        Job job = new RunnerJobDependent().desired(test, PlannedContexts.planned(new PlannedRun(0, 600, null)));
        var template = job.getSpec().getTemplate();
        PodSpec pod = template.getSpec();

        assertThat(template.getMetadata().getLabels()).containsAllEntriesOf(Labels.of(test))
                .containsEntry("team", "inference-perf");
        assertThat(template.getMetadata().getAnnotations()).containsEntry("sidecar.istio.io/inject", "false");
        assertThat(pod.getNodeSelector()).containsExactly(Map.entry("node.kubernetes.io/pool", "cpu"));
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("dedicated");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        assertThat(pod.getAffinity().getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())
                .singleElement().satisfies(term -> assertThat(term.getPodAffinityTerm().getTopologyKey())
                        .isEqualTo("topology.kubernetes.io/zone"));
        assertThat(pod.getTopologySpreadConstraints()).singleElement()
                .satisfies(c -> assertThat(c.getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
        assertThat(pod.getPriorityClassName()).isEqualTo("loadgen-low");

        Container runner = pod.getContainers().get(0);
        assertThat(runner.getEnv()).extracting(EnvVar::getName).contains("JAVA_TOOL_OPTIONS", "LLMLOAD_HEADER_1",
                "HTTPS_PROXY", "NO_PROXY").doesNotContain("LLMLOAD_HEADER_0");
        // A concurrent collector: its pauses would stop the timing loops (docs/benchmarks.md, "Garbage collection").
        assertThat(runner.getEnv()).filteredOn(e -> e.getName().equals("JAVA_TOOL_OPTIONS")).singleElement()
                .extracting(EnvVar::getValue).asString().contains("-XX:+UseZGC", "-XX:MaxRAMPercentage=50");
        EnvVar header = runner.getEnv().stream().filter(e -> e.getName().equals("LLMLOAD_HEADER_1")).findFirst()
                .orElseThrow();
        assertThat(header.getValue()).isNull();
        assertThat(header.getValueFrom().getSecretKeyRef().getName()).isEqualTo("gateway");
        assertThat(header.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("token");
        assertThat(runner.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");

        assertThat(pod.getVolumes()).extracting(Volume::getName).contains("plan", "tmp", "llmload-tls-ca",
                "llmload-tls-client", "llmload-tokenizer", "extra-certs");
        Volume ca = volume(pod, "llmload-tls-ca");
        assertThat(ca.getSecret().getSecretName()).isEqualTo("internal-ca");
        assertThat(volume(pod, "llmload-tls-client").getSecret().getSecretName()).isEqualTo("llmload-client");
        assertThat(volume(pod, "llmload-tokenizer").getConfigMap().getName()).isEqualTo("llama3-tokenizer");
        assertThat(runner.getVolumeMounts()).extracting(m -> m.getMountPath() + (Boolean.TRUE.equals(m.getReadOnly()) ? " ro" : ""))
                .contains("/etc/llmload ro", "/tmp", "/var/run/llmload/tls/ca ro", "/var/run/llmload/tls/client ro",
                        "/var/run/llmload/tokenizer ro", "/etc/corp-certs ro");

        WorkerPlan plan = WorkerPlans.of(test, OperatorConfig.current());
        assertThat(plan.model()).as("no model: the runners ask the server").isNull();
        assertThat(plan.mountedFiles()).containsExactly(
                Map.entry("tls.ca", "/var/run/llmload/tls/ca/ca.crt"),
                Map.entry("tls.clientCert", "/var/run/llmload/tls/client/tls.crt"),
                Map.entry("tls.clientKey", "/var/run/llmload/tls/client/tls.key"),
                Map.entry("tokenizer", "/var/run/llmload/tokenizer/tokenizer.json"));
        assertThat(plan.problems()).isEmpty();
        String json = plan.toJson();
        assertThat(json).contains("\"secretKeyRef\":{\"name\":\"gateway\",\"key\":\"token\"}")
                .doesNotContain("\"value\":null");
        assertThat(WorkerPlan.fromJson(json)).isEqualTo(plan);
    }

    @Test
    void passThroughFieldsCannotTakeOverTheOperatorsOwn() {
        LlmLoadTest test = Serialization.unmarshal(MANIFEST.replace("labels: {team: inference-perf}",
                "labels: {llmload.io/test: other}").replace("{name: NO_PROXY, value: .svc}",
                "{name: LLMLOAD_API_KEY, value: x}").replace("mountPath: /etc/corp-certs", "mountPath: /tmp")
                .replace("volumes: [{name: extra-certs", "volumes: [{name: plan"), LlmLoadTest.class);
        assertThat(SpecValidator.validate(test)).extracting(Violation::path).containsExactly(
                "spec.runners.labels.llmload.io/test", "spec.runners.env[1].name", "spec.runners.volumes[0].name",
                "spec.runners.volumeMounts[0].name", "spec.runners.volumeMounts[0].mountPath");
    }

    @Test
    void theRealClusterExampleIsValidAndKeepsItsRunnersOutOfTheMesh() throws Exception {
        Path example = Path.of(System.getProperty("user.dir")).getParent().resolve("examples/real-cluster-k8s.yaml");
        LlmLoadTest test = Serialization.unmarshal(Files.readString(example), LlmLoadTest.class);
        test.getMetadata().setNamespace("perf");
        assertThat(SpecValidator.validate(test)).isEmpty();
        var template = new RunnerJobDependent().desired(test, PlannedContexts.planned(new PlannedRun(0, 600, null)))
                .getSpec().getTemplate();
        assertThat(template.getMetadata().getAnnotations()).containsEntry("sidecar.istio.io/inject", "false");
        assertThat(template.getSpec().getAffinity().getNodeAffinity()).isNotNull();
        assertThat(WorkerPlans.of(test, OperatorConfig.current()).mountedFiles()).containsKeys("tls.ca",
                "tls.clientCert", "tls.clientKey", "tokenizer");
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }
}
