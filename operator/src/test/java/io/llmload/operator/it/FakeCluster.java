package io.llmload.operator.it;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.llmload.runner.worker.ControlToken;
import io.llmload.runner.worker.Worker;
import io.llmload.runner.worker.WorkerExit;
import io.llmload.runner.worker.WorkerPlan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays the parts of the cluster the mock API server lacks: the Job controller (it creates the runner pods, owned
 * by the Job and labelled with its UID as Kubernetes does, with the index annotation and a pod IP) and the kubelet
 * (it runs each pod's {@code llmload worker} — here in-process, bound to the pod's loopback IP — reports it Ready,
 * and when the worker exits reports the pod Succeeded, or Failed with the exit code and termination message).
 */
final class FakeCluster implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final Map<Integer, Worker> workers = new HashMap<>();
    /** Also the runners of earlier runs (tests that run a test several times), all stopped on close. */
    private final List<Worker> everyWorker = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile ControlToken lastToken;
    /** Runners cut off from the operator: their exit is not the kubelet's business. */
    private final Set<Integer> partitioned = ConcurrentHashMap.newKeySet();
    private final int firstHost;
    private volatile boolean closed;

    FakeCluster(KubernetesClient client, String namespace) {
        this(client, namespace, 1);
    }

    /** Pod i gets the IP 127.0.0.(firstHost + i): clusters of several tests at once use disjoint ranges. */
    FakeCluster(KubernetesClient client, String namespace, int firstHost) {
        this.client = client;
        this.namespace = namespace;
        this.firstHost = firstHost;
    }

    Job awaitJob(String name) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> client.batch().v1().jobs().inNamespace(namespace).withName(name).get(), j -> j != null);
    }

    WorkerPlan plan(String configMap) {
        ConfigMap cm = client.configMaps().inNamespace(namespace).withName(configMap).get();
        return WorkerPlan.fromJson(cm.getData().get("plan.json"));
    }

    /**
     * The control token the Job's pods mount, as the kubelet would give it to them: read from the Secret the
     * pod template names.
     */
    ControlToken token(Job job) {
        String secret = job.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getSecret() != null).findFirst().orElseThrow().getSecret().getSecretName();
        Secret stored = await().atMost(Duration.ofSeconds(30)).until(
                () -> client.secrets().inNamespace(namespace).withName(secret).get(), s -> s != null);
        return ControlToken.of(new String(Base64.getDecoder().decode(stored.getData().get("token")),
                StandardCharsets.US_ASCII));
    }

    /**
     * Starts every runner of the Job, each requiring the test's token as the real one does, and its pod Ready. A
     * runner that cannot start (its worker exits 2, e.g. the server lists several models) gets a Failed pod whose
     * termination message is its error line, as the container's FallbackToLogsOnError policy makes the kubelet
     * report it.
     */
    List<Worker> runPods(Job job, WorkerPlan plan) {
        int completions = job.getSpec().getCompletions();
        List<Worker> started = new ArrayList<>();
        ControlToken token = token(job);
        lastToken = token;
        for (int i = 0; i < completions; i++) {
            int index = i;
            Worker previous = workers.get(i);
            if (previous != null) {
                previous.close(); // the previous run's runner on this address: its pod went with its Job
            }
            Worker worker;
            try {
                worker = new Worker(plan, i, null, ip(i)).requireToken(token);
            } catch (IllegalArgumentException e) {
                client.resource(endedPod(job, i, "Error", 2, "error: " + e.getMessage())).create();
                continue;
            }
            worker.start();
            workers.put(i, worker);
            everyWorker.add(worker);
            started.add(worker);
            // The previous run's pod of the same name (its Job is gone; the mock API collects no garbage).
            client.pods().inNamespace(namespace).withName(pod(job, i, true).getMetadata().getName()).delete();
            client.resource(pod(job, i, true)).create();
            worker.released().thenAccept(exit -> exited(job, index, exit));
        }
        return started;
    }

    /** The token of the runners started last, as the operator sends it. */
    ControlToken lastToken() {
        return lastToken;
    }

    Worker worker(int index) {
        return workers.get(index);
    }

    /** A pod that never becomes ready, with a container waiting for the given reason. */
    void stuckPod(Job job, int index, String waitingReason) {
        Pod pod = pod(job, index, false);
        pod.getStatus().setPhase("Pending");
        pod.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName("runner")
                .withNewState().withNewWaiting().withReason(waitingReason).endWaiting().endState().build()));
        client.resource(pod).create();
    }

    /** The kubelet reports a runner's container terminated with an error. */
    void failPod(Job job, int index, String reason) {
        partitioned.add(index);
        workers.get(index).close();
        client.resource(endedPod(job, index, reason, 137, null)).update();
    }

    /** The runner stops answering (its control endpoint is gone) while its pod still looks Ready and running. */
    void partition(int index) {
        partitioned.add(index);
        workers.get(index).close();
    }

    /** The Job controller marks the Job failed (e.g. its activeDeadlineSeconds passed). */
    void failJob(Job job, String reason, String message) {
        Job current = client.batch().v1().jobs().inNamespace(namespace).withName(job.getMetadata().getName()).get();
        current.setStatus(new JobStatusBuilder()
                .withConditions(new JobConditionBuilder().withType("Failed").withStatus("True").withReason(reason)
                        .withMessage(message).build()).build());
        client.resource(current).updateStatus();
    }

    String ip(int index) {
        return "127.0.0." + (firstHost + index);
    }

    /** What the kubelet reports when a runner process ends. */
    private void exited(Job job, int index, WorkerExit exit) {
        if (closed || partitioned.contains(index)) {
            return;
        }
        Pod current = client.pods().inNamespace(namespace).withName(pod(job, index, false).getMetadata().getName())
                .get();
        if (current == null || !job.getMetadata().getUid().equals(current.getMetadata().getLabels()
                .get("batch.kubernetes.io/controller-uid"))) {
            return; // a later run's pod by now
        }
        try {
            client.resource(endedPod(job, index, exit.code() == 0 ? "Completed" : "Error", exit.code(),
                    exit.code() == 0 ? null : exit.reason())).update();
        } catch (KubernetesClientException e) {
            // The pod was deleted with its Job meanwhile.
        }
    }

    private Pod pod(Job job, int index, boolean ready) {
        return podBuilder(job, index, ready).build();
    }

    /** A pod whose container terminated: Succeeded with exit code 0, else Failed. */
    private Pod endedPod(Job job, int index, String reason, int exitCode, String message) {
        return podBuilder(job, index, false).editStatus()
                .withPhase(exitCode == 0 ? "Succeeded" : "Failed")
                .withContainerStatuses(new ContainerStatusBuilder().withName("runner")
                        .withNewState().withNewTerminated().withReason(reason).withExitCode(exitCode)
                        .withMessage(message).endTerminated().endState().build())
                .endStatus().build();
    }

    private PodBuilder podBuilder(Job job, int index, boolean ready) {
        Map<String, String> labels = new HashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
        labels.put("batch.kubernetes.io/controller-uid", job.getMetadata().getUid());
        labels.put("batch.kubernetes.io/job-name", job.getMetadata().getName());
        return new PodBuilder()
                .withNewMetadata()
                .withName(job.getMetadata().getName() + "-" + index + "-x")
                .withNamespace(namespace)
                .withLabels(labels)
                .withAnnotations(Map.of("batch.kubernetes.io/job-completion-index", Integer.toString(index)))
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                        .withName(job.getMetadata().getName()).withUid(job.getMetadata().getUid())
                        .withController(true).build())
                .withCreationTimestamp(Instant.now().toString())
                .endMetadata()
                .withNewSpec().addNewContainer().withName("runner").withImage("llmload-runner").endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .withPodIP(ip(index))
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus();
    }

    @Override
    public void close() {
        closed = true;
        everyWorker.forEach(Worker::close);
    }
}
