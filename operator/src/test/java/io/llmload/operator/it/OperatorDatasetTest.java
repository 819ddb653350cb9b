package io.llmload.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.llmload.runner.worker.WorkerPlan;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Datasets in a ConfigMap or on a PersistentVolumeClaim are mounted read-only into the runner pods, the plan tells
 * each runner which file to read, and runners reading those files run the test.
 */
@QuarkusTest
@TestProfile(LoopbackRunnersProfile.class)
@WithKubernetesTestServer(crud = true)
class OperatorDatasetTest {

    private static final String NS = "datasets";
    private static final String PROMPTS = "{\"prompt\": \"What is a KV cache?\", \"max_tokens\": 12}\n"
            + "{\"conversations\": [{\"from\": \"human\", \"value\": \"Name a river\"}, "
            + "{\"from\": \"gpt\", \"value\": \"The Danube.\"}]}\n"
            + "{\"prompt\": \"Say hello\", \"max_tokens\": 4}\n";

    @Inject
    KubernetesClient client;

    @Test
    void configMapAndVolumeDatasetsAreMountedReadOnlyAndThePlanPointsAtThem() throws Exception {
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("faq-prompts").withNamespace(NS)
                .endMetadata().withData(Map.of("prompts.jsonl", PROMPTS)).build()).create();
        Path kubelet = Files.createTempDirectory("llmload-kubelet");
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults());
                FakeCluster cluster = new FakeCluster(client, NS, 40)) {
            client.resource(Manifests.fromYaml("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n"
                    + "metadata: {name: ds, namespace: " + NS + "}\n"
                    + "spec:\n"
                    + "  target: {url: '" + simulator.baseUrl() + "', model: llmload-sim}\n"
                    + "  workload:\n"
                    + "    mix:\n"
                    + "      - {name: faq, api: chat, prompt: {dataset: {configMapRef: {name: faq-prompts, "
                    + "key: prompts.jsonl}}}}\n"
                    + "      - {name: long, api: completions, prompt: {dataset: {persistentVolumeClaim: "
                    + "{claimName: datasets, path: sharegpt/v3.jsonl}}}, output: {maxTokens: {value: 8}}}\n"
                    + "  load: {model: closed, stages: [{duration: 1500ms, users: 2}]}\n"
                    + "  runners: {replicas: 2}\n"
                    + "  cleanup: {policy: Never}\n")).create();

            Job job = cluster.awaitJob("ds-runners");
            PodSpec pod = job.getSpec().getTemplate().getSpec();
            Volume configMap = volume(pod, "dataset-0");
            assertThat(configMap.getConfigMap().getName()).isEqualTo("faq-prompts");
            assertThat(configMap.getConfigMap().getItems()).singleElement().satisfies(item -> {
                assertThat(item.getKey()).isEqualTo("prompts.jsonl");
                assertThat(item.getPath()).isEqualTo("prompts.jsonl");
            });
            Volume claim = volume(pod, "dataset-1");
            assertThat(claim.getPersistentVolumeClaim().getClaimName()).isEqualTo("datasets");
            assertThat(claim.getPersistentVolumeClaim().getReadOnly()).isTrue();
            assertThat(mount(pod, "dataset-0").getMountPath()).isEqualTo("/var/run/llmload/datasets/0");
            assertThat(mount(pod, "dataset-1").getMountPath()).isEqualTo("/var/run/llmload/datasets/1");
            assertThat(pod.getContainers().get(0).getVolumeMounts()).filteredOn(m -> m.getName().startsWith("dataset"))
                    .allSatisfy(m -> assertThat(m.getReadOnly()).isTrue());

            WorkerPlan plan = cluster.plan("ds-plan");
            assertThat(plan.datasetFiles()).containsExactly(
                    Map.entry("faq", "/var/run/llmload/datasets/0/prompts.jsonl"),
                    Map.entry("long", "/var/run/llmload/datasets/1/sharegpt/v3.jsonl"));
            // The spec stays as the user wrote it: the runner finds the files through datasetFiles.
            assertThat(plan.spec().workload().mix().get(0).prompt().dataset().configMapRef().name())
                    .isEqualTo("faq-prompts");

            // Play the kubelet: the volumes' files appear under a local root, where the runners read them.
            WorkerPlan mounted = new WorkerPlan(plan.testName(), plan.namespace(), plan.runners(), plan.targetUrl(),
                    plan.model(), plan.spec(), plan.seed(), plan.controlPort(), mountUnder(kubelet, plan, PROMPTS));
            cluster.runPods(job, mounted);
            await().atMost(Duration.ofSeconds(60)).until(() -> status().getPhase(),
                    p -> LlmLoadTestStatus.PHASE_SUCCEEDED.equals(p) || LlmLoadTestStatus.PHASE_FAILED.equals(p));
            assertThat(status().getPhase()).as(status().getMessage()).isEqualTo(LlmLoadTestStatus.PHASE_SUCCEEDED);
            var report = ReportFiles.mapper().readTree(new Observed(client, NS).reportJson(status()));
            assertThat(report.get("requestTypes")).allSatisfy(t -> assertThat(t.get("requests").asLong()).isPositive());
            assertThat(report.get("run").get("datasets")).hasSize(2).allSatisfy(d -> {
                assertThat(d.get("usableEntries").asLong()).isEqualTo(3);
                assertThat(d.get("skippedEntries").asLong()).isZero();
            });
        } finally {
            try (var files = Files.walk(kubelet)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aMissingDatasetConfigMapFailsTheTestBeforeAnyPodNamingTheFieldToFix() {
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("keyless").withNamespace(NS)
                .endMetadata().withData(Map.of("other.jsonl", PROMPTS)).build()).create();
        client.resource(Manifests.fromYaml("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n"
                + "metadata: {name: no-data, namespace: " + NS + "}\n"
                + "spec:\n"
                + "  target: {url: 'http://127.0.0.1:1', model: m}\n"
                + "  workload:\n"
                + "    mix:\n"
                + "      - {name: faq, api: chat, prompt: {dataset: {configMapRef: {name: nowhere, key: a.jsonl}}}}\n"
                + "      - {name: other, api: chat, prompt: {dataset: {configMapRef: {name: keyless, key: b.jsonl}}}}\n"
                + "  load: {model: closed, stages: [{duration: 2s, users: 1}]}\n")).create();

        await().atMost(Duration.ofSeconds(20)).until(() -> LlmLoadTestStatus.PHASE_FAILED.equals(
                new Observed(client, NS).status("no-data").getPhase()));
        LlmLoadTestStatus status = new Observed(client, NS).status("no-data");
        assertThat(status.getMessage()).isEqualTo("spec.workload.mix[0].prompt.dataset.configMapRef: ConfigMap "
                + "'nowhere' not found in namespace '" + NS + "' (create it first: kubectl create configmap nowhere "
                + "--from-file=...); spec.workload.mix[1].prompt.dataset.configMapRef: ConfigMap 'keyless' has no "
                + "key 'b.jsonl'");
        assertThat(Observed.condition(status, "Succeeded").getReason()).isEqualTo("MissingConfigMap");
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("no-data-runners").get()).isNull();
    }

    /** The plan's files under a fresh local directory, each holding {@code content}. */
    private static Map<String, String> mountUnder(Path kubelet, WorkerPlan plan, String content) throws Exception {
        Map<String, String> local = new LinkedHashMap<>();
        for (var file : plan.datasetFiles().entrySet()) {
            Path path = kubelet.resolve(file.getValue().substring(1));
            Files.createDirectories(path.getParent());
            Files.writeString(path, content);
            local.put(file.getKey(), path.toString());
        }
        return local;
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    private static VolumeMount mount(PodSpec pod, String name) {
        return pod.getContainers().get(0).getVolumeMounts().stream().filter(m -> m.getName().equals(name))
                .findFirst().orElseThrow();
    }

    private LlmLoadTestStatus status() {
        return new Observed(client, NS).status("ds");
    }
}
