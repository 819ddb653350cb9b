package io.llmload.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmload.runner.engine.EngineConfig;
import io.llmload.runner.spec.LoadTestSpec;
import io.llmload.runner.spec.ManifestReader;
import io.llmload.runner.workload.RequestFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A runner reads its request types' datasets from the files the operator mounted, named in the plan. */
class WorkerDatasetTest {

    @TempDir
    Path dir;

    private static LoadTestSpec specWithConfigMapDataset() throws Exception {
        return ManifestReader.parse("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\nmetadata: {name: d}\n"
                + "spec:\n"
                + "  target: {service: {name: vllm}, model: llmload-sim}\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {dataset: {configMapRef: {name: prompts, "
                + "key: prompts.jsonl}}}}]}\n"
                + "  load: {model: closed, stages: [{duration: 5s, users: 4}]}\n").spec();
    }

    @Test
    void thePlanCarriesTheMountedFilesAndRefusesADatasetWithoutOne() throws Exception {
        WorkerPlan plan = new WorkerPlan("d", "ns", 2, "http://vllm.ns.svc:8000", "llmload-sim",
                specWithConfigMapDataset(), 1, 8080, Map.of("chat", "/var/run/llmload/datasets/0/prompts.jsonl"));
        assertThat(WorkerPlan.fromJson(plan.toJson())).isEqualTo(plan);

        WorkerPlan unmounted = new WorkerPlan("d", "ns", 2, "http://vllm.ns.svc:8000", "llmload-sim",
                specWithConfigMapDataset(), 1, 8080);
        assertThat(unmounted.toJson()).doesNotContain("datasetFiles");
        assertThatThrownBy(() -> WorkerPlan.fromJson(unmounted.toJson()))
                .hasMessageContaining("datasetFiles: no mounted file for request type 'chat'");
    }

    @Test
    void eachRunnerReadsTheMountedFileAndTakesItsOwnEntries() throws Exception {
        Path mounted = dir.resolve("prompts.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            lines.append("{\"prompt\": \"question ").append(i).append("\", \"max_tokens\": 8}\n");
        }
        Files.writeString(mounted, lines.toString());
        WorkerPlan plan = new WorkerPlan("d", "ns", 2, "http://vllm.ns.svc:8000", "llmload-sim",
                specWithConfigMapDataset(), 1, 8080, Map.of("chat", mounted.toString()));

        Set<String> all = new HashSet<>();
        for (int index = 0; index < 2; index++) {
            EngineConfig config = EngineSetup.config(plan, index, null);
            assertThat(config.workload().mix().get(0).prompt().dataset().path()).isEqualTo(mounted.toString());
            List<String> prompts = new ArrayList<>();
            try (RequestFactory factory = new RequestFactory(config.workload(), "llmload-sim", config.seed(),
                    config.share())) {
                for (int i = 0; i < 5; i++) {
                    prompts.add(factory.nextUserMessage(factory.types().get(0)).text());
                }
            }
            assertThat(prompts).doesNotHaveDuplicates();
            all.addAll(prompts);
        }
        assertThat(all).hasSize(10);
    }
}
