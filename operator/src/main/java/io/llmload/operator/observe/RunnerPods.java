package io.llmload.operator.observe;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.llmload.operator.dependent.Labels;
import io.llmload.runner.worker.ControlToken;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads runner pods (from the informer cache) into {@link RunnerPod}s: index, address, readiness, trouble. */
public final class RunnerPods {

    /** Set by the Job controller on every pod of a Job (with an ownerReference to it): the Job's UID. */
    static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";

    private RunnerPods() {
    }

    /**
     * The pods of the Job with UID {@code jobUid} (none without a Job): one entry per completion index, the newest
     * pod winning (a deleted pod's replacement, if any). A previous run's pods — still there while Kubernetes
     * removes them after their Job was deleted — never count for this run. Calls to them carry the test's control
     * {@code token} (null: not known yet).
     */
    public static List<RunnerPod> of(Collection<Pod> pods, String jobUid, ControlToken token) {
        if (jobUid == null) {
            return List.of();
        }
        return pods.stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> ownedBy(p, jobUid))
                .filter(p -> index(p).isPresent())
                .sorted(Comparator.comparing((Pod p) -> index(p).orElse(0))
                        .thenComparing(p -> p.getMetadata().getCreationTimestamp(),
                                Comparator.nullsFirst(Comparator.reverseOrder())))
                .map(p -> describe(p, token))
                .collect(java.util.stream.Collectors.toMap(RunnerPod::index, p -> p, (first, later) -> first,
                        java.util.TreeMap::new))
                .values().stream().toList();
    }

    private static boolean ownedBy(Pod pod, String jobUid) {
        var owners = pod.getMetadata().getOwnerReferences();
        if (owners != null && owners.stream().anyMatch(o -> jobUid.equals(o.getUid()))) {
            return true;
        }
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels != null && jobUid.equals(labels.get(CONTROLLER_UID));
    }

    static RunnerPod describe(Pod pod, ControlToken token) {
        int index = index(pod).orElse(-1);
        String name = pod.getMetadata().getName();
        var status = pod.getStatus();
        String phase = status == null ? null : status.getPhase();
        String ip = status == null ? null : status.getPodIP();
        boolean ready = status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        String problem = null;
        if ("Failed".equals(phase)) {
            problem = "pod " + name + " failed" + terminationDetail(pod);
        } else if ("Succeeded".equals(phase)) {
            problem = "pod " + name + " exited before its results were collected";
        }
        return new RunnerPod(index, name, ip, ready, problem, waitingReason(pod, phase), token);
    }

    static Optional<Integer> index(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        Map<String, String> labels = pod.getMetadata().getLabels();
        String value = annotations != null ? annotations.get(Labels.COMPLETION_INDEX) : null;
        if (value == null && labels != null) {
            value = labels.get(Labels.COMPLETION_INDEX);
        }
        try {
            return value == null ? Optional.empty() : Optional.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String terminationDetail(Pod pod) {
        for (ContainerStatus c : containerStatuses(pod)) {
            if (c.getState() != null && c.getState().getTerminated() != null) {
                var t = c.getState().getTerminated();
                return ": " + (t.getReason() == null ? "terminated" : t.getReason()) + " (exit code "
                        + t.getExitCode() + ")" + (t.getMessage() == null ? "" : ": " + t.getMessage());
            }
        }
        String reason = pod.getStatus().getReason();
        return reason == null ? "" : ": " + reason;
    }

    private static String waitingReason(Pod pod, String phase) {
        for (ContainerStatus c : containerStatuses(pod)) {
            if (c.getState() != null && c.getState().getWaiting() != null
                    && c.getState().getWaiting().getReason() != null) {
                return c.getState().getWaiting().getReason();
            }
        }
        return phase == null || "Running".equals(phase) ? null : phase;
    }

    private static List<ContainerStatus> containerStatuses(Pod pod) {
        var status = pod.getStatus();
        return status == null || status.getContainerStatuses() == null ? List.of() : status.getContainerStatuses();
    }
}
