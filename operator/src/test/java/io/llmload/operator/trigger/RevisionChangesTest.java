package io.llmload.operator.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What makes a new revision (the template, not the replica count) and how "what changed" is told. */
class RevisionChangesTest {

    private final WorkloadType deployment = WorkloadTypes.find("apps/v1", "Deployment").orElseThrow();
    private final WorkloadType isvc = WorkloadTypes.find("serving.kserve.io/v1beta1", "InferenceService").orElseThrow();
    private final WorkloadType lws = WorkloadTypes.find("leaderworkerset.x-k8s.io/v1", "LeaderWorkerSet").orElseThrow();

    @Test
    void aNewImageAndNewFlagsAreANewRevisionDescribedFlagByFlag() {
        WorkloadRevision before = deployment.read(Workloads.resource("deployment-complete")).revision();
        WorkloadRevision after = deployment.read(Workloads.resource("deployment-rolling")).revision();
        assertThat(after.sameAs(before)).isFalse();
        assertThat(after.changesFrom(before)).containsExactly(
                "image vllm: vllm/vllm-openai:v0.6.3 -> vllm/vllm-openai:v0.7.0",
                "args vllm: --max-num-seqs 128 -> 256, added --enable-prefix-caching");
        assertThat(after.changesFrom(after)).isEmpty();
    }

    @Test
    void scalingOrAStatusChangeIsTheSameRevision() {
        ObjectNode d = Workloads.tree("deployment-complete");
        WorkloadRevision before = deployment.read(d).revision();
        Workloads.spec(d).put("replicas", 8);
        Workloads.status(d).put("replicas", 8).put("updatedReplicas", 3);
        ((ObjectNode) d.path("metadata")).put("generation", 5);
        WorkloadRevision after = deployment.read(d).revision();
        assertThat(after.sameAs(before)).isTrue();
        assertThat(after.generation()).isEqualTo(5L);
    }

    @Test
    void aRestartIsANewRevisionOfOtherTemplateFields() {
        ObjectNode d = Workloads.tree("deployment-complete");
        WorkloadRevision before = deployment.read(d).revision();
        ((ObjectNode) d.path("spec").path("template").path("metadata")).putObject("annotations")
                .put("kubectl.kubernetes.io/restartedAt", "2026-01-11T03:00:00Z");
        assertThat(deployment.read(d).revision().changesFrom(before))
                .containsExactly("pod template: fields other than images and args");
    }

    @Test
    void theFingerprintIgnoresTheOrderOfKeys() {
        ObjectNode d = Workloads.tree("deployment-complete");
        WorkloadRevision before = deployment.read(d).revision();
        ObjectNode container = (ObjectNode) d.path("spec").path("template").path("spec").path("containers").get(0);
        ObjectNode reordered = container.objectNode();
        List<String> names = new java.util.ArrayList<>();
        container.fieldNames().forEachRemaining(names::add);
        java.util.Collections.reverse(names);
        names.forEach(n -> reordered.set(n, container.get(n)));
        ((ArrayNode) d.path("spec").path("template").path("spec").path("containers")).set(0, reordered);
        assertThat(deployment.read(d).revision().fingerprint()).isEqualTo(before.fingerprint());
    }

    @Test
    void anInferenceServiceAutoscalingChangeIsNotARevisionButANewModelIs() {
        ObjectNode i = Workloads.tree("inferenceservice-ready");
        WorkloadRevision before = isvc.read(i).revision();
        ObjectNode predictor = (ObjectNode) i.path("spec").path("predictor");
        predictor.put("maxReplicas", 10).put("scaleTarget", 16);
        assertThat(isvc.read(i).revision().sameAs(before)).isTrue();

        ((ObjectNode) predictor.path("model")).put("storageUri", "hf://meta-llama/Llama-3.3-70B-Instruct")
                .putArray("args").add("--backend=vllm").add("--max-model-len=16384");
        assertThat(isvc.read(i).revision().changesFrom(before)).containsExactly(
                "model: hf://meta-llama/Llama-3.1-8B-Instruct -> hf://meta-llama/Llama-3.3-70B-Instruct",
                "args predictor/model: --max-model-len 8192 -> 16384");
    }

    @Test
    void aLeaderWorkerSetChangeNamesTheTemplateItTouched() {
        ObjectNode l = Workloads.tree("leaderworkerset-available");
        WorkloadRevision before = lws.read(l).revision();
        ObjectNode worker = (ObjectNode) l.path("spec").path("leaderWorkerTemplate").path("workerTemplate")
                .path("spec").path("containers").get(0);
        worker.put("image", "vllm/vllm-openai:v0.7.0");
        Workloads.spec(l).put("replicas", 4);
        assertThat(lws.read(l).revision().changesFrom(before))
                .containsExactly("image worker/vllm-worker: vllm/vllm-openai:v0.6.3 -> vllm/vllm-openai:v0.7.0");
    }

    @Test
    void flagDiffsReadSwitchesValuesAndPositionals() {
        assertThat(ArgsDiff.describe(List.of("serve", "m1", "--tp", "2", "--eager"),
                List.of("serve", "m2", "--tp=4", "--quantization", "awq"))).isEqualTo(
                        "serve m1 -> serve m2, --tp 2 -> 4, added --quantization awq, removed --eager");
        assertThat(ArgsDiff.describe(List.of("--a", "1", "--b"), List.of("--b", "--a", "1"))).isEqualTo("reordered");
        assertThat(ArgsDiff.describe(List.of("--x", "-1"), List.of("--x", "-2"))).isEqualTo("--x -1 -> -2");
    }
}
