package io.llmload.operator.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * When each workload kind's rollout is complete, on objects shaped like the API server's answers: complete states
 * pass, each way of being incomplete names what it waits for, stopped rollouts are failed.
 */
class RolloutCompletionTest {

    private final WorkloadType deployment = WorkloadTypes.find("apps/v1", "Deployment").orElseThrow();
    private final WorkloadType statefulSet = WorkloadTypes.find("apps/v1", "StatefulSet").orElseThrow();
    private final WorkloadType isvc = WorkloadTypes.find("serving.kserve.io/v1beta1", "InferenceService").orElseThrow();
    private final WorkloadType lws = WorkloadTypes.find("leaderworkerset.x-k8s.io/v1", "LeaderWorkerSet").orElseThrow();

    @Test
    void aDeploymentIsCompleteWhenEveryReplicaRunsTheNewTemplateAndIsAvailable() {
        RolloutState done = deployment.read(Workloads.resource("deployment-complete"));
        assertThat(done.complete()).isTrue();
        assertThat(done.waitingFor()).isNull();
        assertThat(done.revision().name()).isEqualTo("3");
        assertThat(done.revision().generation()).isEqualTo(4L);
        assertThat(done.revision().images()).containsExactly("vllm=vllm/vllm-openai:v0.6.3");
        assertThat(done.revision().model()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
    }

    @Test
    void aDeploymentMidRolloutIsNotCompleteUntilTheLastOldReplicaIsGone() {
        ObjectNode d = Workloads.tree("deployment-rolling");
        assertWaiting(deployment.read(d), "1 of 2 replicas updated");

        Workloads.status(d).put("updatedReplicas", 2);
        assertWaiting(deployment.read(d), "1 old replicas pending termination");

        Workloads.status(d).put("replicas", 2).put("availableReplicas", 1);
        assertWaiting(deployment.read(d), "1 of 2 updated replicas available");

        Workloads.status(d).put("availableReplicas", 2);
        assertThat(deployment.read(d).complete()).isTrue();

        // A new spec the controller has not acted on yet: the counters above describe the old one.
        ((ObjectNode) d.path("metadata")).put("generation", 6);
        assertWaiting(deployment.read(d), "the controller has not yet seen generation 6");
    }

    @Test
    void aPausedOrStuckDeploymentIsNotComplete() {
        ObjectNode paused = Workloads.tree("deployment-complete");
        Workloads.spec(paused).put("paused", true);
        assertWaiting(deployment.read(paused), "the rollout is paused");

        ObjectNode stuck = Workloads.tree("deployment-rolling");
        ObjectNode progressing = (ObjectNode) stuck.path("status").path("conditions").get(1);
        progressing.put("status", "False").put("reason", "ProgressDeadlineExceeded")
                .put("message", "ReplicaSet \"vllm-5f6b9c8d7e\" has timed out progressing.");
        RolloutState state = deployment.read(stuck);
        assertThat(state.complete()).isFalse();
        assertThat(state.failed()).isTrue();
        assertThat(state.waitingFor()).isEqualTo("progress deadline exceeded: ReplicaSet \"vllm-5f6b9c8d7e\" has "
                + "timed out progressing.");
    }

    @Test
    void aStatefulSetIsCompleteWhenItsCurrentRevisionCaughtUpAndEveryReplicaIsReady() {
        ObjectNode s = Workloads.tree("statefulset-complete");
        RolloutState done = statefulSet.read(s);
        assertThat(done.complete()).isTrue();
        assertThat(done.revision().name()).isEqualTo("tgi-6d9f8c7b5");
        assertThat(done.revision().model()).isEqualTo("mistralai/Mistral-7B-Instruct-v0.3");

        Workloads.status(s).put("updateRevision", "tgi-7f8e9d6c4").put("updatedReplicas", 1);
        assertWaiting(statefulSet.read(s), "1 of 3 pods at revision tgi-7f8e9d6c4");

        Workloads.status(s).put("currentRevision", "tgi-7f8e9d6c4").put("updatedReplicas", 3).put("readyReplicas", 2);
        assertWaiting(statefulSet.read(s), "2 of 3 replicas ready");
    }

    @Test
    void aPartitionedStatefulSetIsCompleteWhenThePodsAboveThePartitionAreUpdated() {
        ObjectNode s = Workloads.tree("statefulset-complete");
        ((ObjectNode) s.path("spec").path("updateStrategy").path("rollingUpdate")).put("partition", 1);
        Workloads.status(s).put("updateRevision", "tgi-7f8e9d6c4").put("updatedReplicas", 1);
        assertWaiting(statefulSet.read(s), "1 of 2 pods above the partition updated");
        Workloads.status(s).put("updatedReplicas", 2);
        assertThat(statefulSet.read(s).complete()).isTrue();
    }

    @Test
    void anInferenceServiceIsCompleteWhenReadyAtItsLatestRevisionWithTheModelUpToDate() {
        ObjectNode i = Workloads.tree("inferenceservice-ready");
        RolloutState done = isvc.read(i);
        assertThat(done.complete()).isTrue();
        assertThat(done.revision().name()).isEqualTo("llama-predictor-00003");
        assertThat(done.revision().model()).isEqualTo("hf://meta-llama/Llama-3.1-8B-Instruct");

        ObjectNode predictor = (ObjectNode) i.path("status").path("components").path("predictor");
        predictor.put("latestCreatedRevision", "llama-predictor-00004");
        assertWaiting(isvc.read(i), "predictor revision llama-predictor-00004 is not ready yet (ready: "
                + "llama-predictor-00003)");

        predictor.put("latestReadyRevision", "llama-predictor-00004");
        ((ObjectNode) i.path("status").path("modelStatus")).put("transitionStatus", "InProgress");
        assertWaiting(isvc.read(i), "model transition InProgress");

        Workloads.condition(i, "Ready", "False");
        ((ObjectNode) i.path("status").path("conditions").get(5)).put("message", "Revision missing");
        assertWaiting(isvc.read(i), "Ready is False (Revision missing)");
    }

    @Test
    void anInferenceServiceWhoseModelFailedToLoadHasAFailedRollout() {
        ObjectNode i = Workloads.tree("inferenceservice-ready");
        ObjectNode model = (ObjectNode) i.path("status").path("modelStatus");
        model.put("transitionStatus", "BlockedByFailedLoad");
        model.putObject("lastFailureInfo").put("reason", "ModelLoadFailed").put("message", "CUDA out of memory");
        RolloutState state = isvc.read(i);
        assertThat(state.failed()).isTrue();
        assertThat(state.waitingFor()).isEqualTo("model transition BlockedByFailedLoad: CUDA out of memory");
    }

    @Test
    void aRawDeploymentInferenceServiceWithoutRevisionsCountsOnReadyAndGeneration() {
        ObjectNode i = Workloads.tree("inferenceservice-ready");
        Workloads.status(i).remove("components");
        assertThat(isvc.read(i).complete()).isTrue();
        assertThat(isvc.read(i).revision().name()).isNull();
        Workloads.status(i).put("observedGeneration", 2);
        assertWaiting(isvc.read(i), "KServe has not yet seen generation 3");
    }

    @Test
    void aLeaderWorkerSetIsCompleteWhenAvailableForItsGenerationWithNoUpdateOrSurgeLeft() {
        ObjectNode l = Workloads.tree("leaderworkerset-available");
        RolloutState done = lws.read(l);
        assertThat(done.complete()).isTrue();
        assertThat(done.revision().images()).containsExactly("leader/vllm-leader=vllm/vllm-openai:v0.6.3",
                "worker/vllm-worker=vllm/vllm-openai:v0.6.3");
        assertThat(done.revision().model()).isEqualTo("meta-llama/Llama-3.1-405B-Instruct");

        Workloads.condition(l, "UpdateInProgress", "True");
        assertWaiting(lws.read(l), "a rolling update is in progress");
        Workloads.condition(l, "UpdateInProgress", "False");

        Workloads.status(l).put("replicas", 3);
        assertWaiting(lws.read(l), "1 surge groups still running");
        Workloads.status(l).put("replicas", 2).put("readyReplicas", 1);
        assertWaiting(lws.read(l), "1 of 2 groups ready");
        Workloads.status(l).put("readyReplicas", 2);

        // Available from before the latest change: the conditions carry the generation they describe.
        ((ObjectNode) l.path("metadata")).put("generation", 3);
        Workloads.status(l).put("observedGeneration", 3);
        assertWaiting(lws.read(l), "Available describes generation 2, not 3");
    }

    @Test
    void theFourKindsAreFoundByApiVersionAndKindAndNothingElse() {
        assertThat(WorkloadTypes.ALL).extracting(WorkloadType::plural).containsExactly("deployments",
                "statefulsets", "inferenceservices", "leaderworkersets");
        assertThat(isvc.group()).isEqualTo("serving.kserve.io");
        assertThat(deployment.group()).isEqualTo("apps");
        assertThat(WorkloadTypes.find("apps/v1beta1", "Deployment")).isEmpty();
        assertThat(WorkloadTypes.find("argoproj.io/v1alpha1", "Rollout")).isEmpty();
        assertThat(WorkloadTypes.supported()).isEqualTo("apps/v1 Deployment, apps/v1 StatefulSet, "
                + "serving.kserve.io/v1beta1 InferenceService, leaderworkerset.x-k8s.io/v1 LeaderWorkerSet");
    }

    private static void assertWaiting(RolloutState state, String waitingFor) {
        assertThat(state.complete()).as(waitingFor).isFalse();
        assertThat(state.failed()).as(waitingFor).isFalse();
        assertThat(state.waitingFor()).isEqualTo(waitingFor);
    }
}
