package io.llmload.operator.dependent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.llmload.operator.api.v1alpha1.RunnersSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Passes {@code spec.runners}' placement and shape through to the runner Job's pod template: node selector,
 * tolerations, affinity, topology spread, priority class, extra labels and annotations, environment variables,
 * volumes and mounts. Added to what the operator sets, never replacing it ({@code RunnersValidation} rejects
 * collisions before a Job exists; the operator's labels are put last so they win anyway).
 */
final class RunnerPodPlacement {

    private RunnerPodPlacement() {
    }

    static void apply(RunnersSpec runners, Job job) {
        if (runners == null) {
            return;
        }
        ObjectMeta meta = job.getSpec().getTemplate().getMetadata();
        meta.setLabels(merged(runners.getLabels(), meta.getLabels()));
        meta.setAnnotations(merged(runners.getAnnotations(), meta.getAnnotations()));
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        pod.setNodeSelector(runners.getNodeSelector());
        pod.setTolerations(runners.getTolerations());
        pod.setAffinity(runners.getAffinity());
        pod.setTopologySpreadConstraints(runners.getTopologySpreadConstraints());
        pod.setPriorityClassName(runners.getPriorityClassName());
        pod.setVolumes(appended(pod.getVolumes(), runners.getVolumes()));
        Container runner = pod.getContainers().get(0);
        runner.setEnv(appended(runner.getEnv(), runners.getEnv()));
        runner.setVolumeMounts(appended(runner.getVolumeMounts(), runners.getVolumeMounts()));
    }

    /** The user's entries, then the operator's (which win on a shared key). */
    private static Map<String, String> merged(Map<String, String> user, Map<String, String> own) {
        if (user == null || user.isEmpty()) {
            return own;
        }
        Map<String, String> all = new LinkedHashMap<>(user);
        if (own != null) {
            all.putAll(own);
        }
        return all;
    }

    private static <T> List<T> appended(List<T> own, List<T> user) {
        List<T> all = new ArrayList<>(own == null ? List.of() : own);
        if (user != null) {
            all.addAll(user);
        }
        return all;
    }
}
