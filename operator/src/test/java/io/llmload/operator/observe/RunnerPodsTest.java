package io.llmload.operator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Only the current Job's pods are this run's runners: a previous run's pods, left while Kubernetes removes them
 * after their Job was deleted, would otherwise answer for the new run with their old results.
 */
class RunnerPodsTest {

    @Test
    void podsOfAnotherJobWithTheSameNameNeverCount() {
        List<RunnerPod> pods = RunnerPods.of(List.of(
                pod("t-runners-0-old", 0, "job-1", "2026-01-01T10:00:00Z"),
                pod("t-runners-1-old", 1, "job-1", "2026-01-01T10:00:00Z"),
                pod("t-runners-0-new", 0, "job-2", "2026-01-01T10:05:00Z")), "job-2", null);

        assertThat(pods).extracting(RunnerPod::name).containsExactly("t-runners-0-new");
        assertThat(RunnerPods.of(List.of(pod("t-runners-0-old", 0, "job-1", "2026-01-01T10:00:00Z")), null, null))
                .as("no Job, no runners").isEmpty();
    }

    @Test
    void theJobIsRecognisedByItsControllerUidLabelOrItsOwnerReference() {
        Pod labelled = pod("a", 0, "job-2", "2026-01-01T10:00:00Z");
        Pod owned = pod("b", 1, "job-2", "2026-01-01T10:00:00Z");
        labelled.getMetadata().setOwnerReferences(List.of());
        owned.getMetadata().getLabels().remove(RunnerPods.CONTROLLER_UID);

        assertThat(RunnerPods.of(List.of(labelled, owned), "job-2", null)).extracting(RunnerPod::name)
                .containsExactly("a", "b");
    }

    private static Pod pod(String name, int index, String jobUid, String created) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("ns")
                .withLabels(new java.util.HashMap<>(Map.of(RunnerPods.CONTROLLER_UID, jobUid)))
                .withAnnotations(Map.of("batch.kubernetes.io/job-completion-index", Integer.toString(index)))
                .withOwnerReferences(new OwnerReferenceBuilder().withKind("Job").withName("t-runners")
                        .withUid(jobUid).withController(true).build())
                .withCreationTimestamp(created).endMetadata()
                .withNewStatus().withPhase("Running").withPodIP("10.0.0." + index)
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build();
    }
}
