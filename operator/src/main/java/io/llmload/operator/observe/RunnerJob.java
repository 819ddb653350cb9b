package io.llmload.operator.observe;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Comparator;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the runner Job itself says went wrong: a Failed condition (DeadlineExceeded when its activeDeadlineSeconds
 * passed, BackoffLimitExceeded when a pod failed...), or pods it could not create — the API server refused them
 * (Pod Security admission, a resource quota, a missing ServiceAccount), which only shows as FailedCreate Events on
 * the Job, never as a pod.
 */
public final class RunnerJob {

    private static final Logger LOG = Logger.getLogger(RunnerJob.class);
    static final String FAILED_CREATE = "FailedCreate";

    private RunnerJob() {
    }

    /** The Job's Failed condition as "reason: message", if it has one. */
    public static Optional<String> failure(Job job) {
        if (job == null || job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst()
                .map(RunnerJob::describe);
    }

    /**
     * The newest FailedCreate Event on this Job (by UID, so a previous run's Job of the same name never counts):
     * the API server's own message about the pods it refused. Asked only while pods are missing; a failure to list
     * Events is logged and read as "none" (the start deadline still ends the test).
     */
    public static Optional<String> podCreationFailure(KubernetesClient client, Job job) {
        String uid = job.getMetadata().getUid();
        try {
            return client.v1().events().inNamespace(job.getMetadata().getNamespace())
                    .withField("involvedObject.uid", uid)
                    .list().getItems().stream()
                    // The field selector is the API server's filter; the same filter here keeps the answer exact
                    // wherever it is not applied.
                    .filter(e -> e.getInvolvedObject() != null && uid.equals(e.getInvolvedObject().getUid()))
                    .filter(e -> FAILED_CREATE.equals(e.getReason()) && "Warning".equals(e.getType()))
                    .max(Comparator.comparing(RunnerJob::time, Comparator.nullsFirst(Comparator.naturalOrder())))
                    .map(Event::getMessage);
        } catch (KubernetesClientException e) {
            LOG.debugf("cannot list the events of job %s: %s", job.getMetadata().getName(), e.getMessage());
            return Optional.empty();
        }
    }

    private static String time(Event event) {
        return event.getLastTimestamp() != null ? event.getLastTimestamp() : event.getEventTime() != null
                ? event.getEventTime().getTime() : event.getMetadata().getCreationTimestamp();
    }

    private static String describe(JobCondition condition) {
        String reason = condition.getReason() == null ? "Failed" : condition.getReason();
        return condition.getMessage() == null ? reason : reason + ": " + condition.getMessage();
    }
}
