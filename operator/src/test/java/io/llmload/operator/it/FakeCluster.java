package io.llmload.operator.it;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.llmload.runner.worker.Worker;
import io.llmload.runner.worker.WorkerPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plays the parts of the cluster the mock API server lacks: the Job controller (it creates the runner pods, with
 * the index annotation and a pod IP) and the kubelet (it runs each pod's {@code llmload worker} — here in-process,
 * bound to the pod's loopback IP — and reports it Ready or Failed).
 */
final class FakeCluster implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final List<Worker> workers = new ArrayList<>();
    private final int firstHost;

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
     * Starts every runner of the Job and publishes its pod as Ready. A runner that cannot start (its worker exits 2,
     * e.g. the server lists several models) gets a Failed pod whose termination message is its error line, as the
     * container's FallbackToLogsOnError policy makes the kubelet report it.
     */
    List<Worker> runPods(Job job, WorkerPlan plan) {
        int completions = job.getSpec().getCompletions();
        for (int i = 0; i < completions; i++) {
            Worker worker;
            try {
                worker = new Worker(plan, i, null, ip(i));
            } catch (IllegalArgumentException e) {
                Pod failed = pod(job, i, false, "Error");
                failed.getStatus().getContainerStatuses().get(0).getState().getTerminated().setExitCode(2);
                failed.getStatus().getContainerStatuses().get(0).getState().getTerminated()
                        .setMessage("error: " + e.getMessage());
                client.resource(failed).create();
                continue;
            }
            worker.start();
            workers.add(worker);
            client.resource(pod(job, i, true, null)).create();
        }
        return workers;
    }

    /** A pod that never becomes ready, with a container waiting for the given reason. */
    void stuckPod(Job job, int index, String waitingReason) {
        Pod pod = pod(job, index, false, null);
        pod.getStatus().setPhase("Pending");
        pod.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName("runner")
                .withNewState().withNewWaiting().withReason(waitingReason).endWaiting().endState().build()));
        client.resource(pod).create();
    }

    /** The kubelet reports a runner's container terminated with an error. */
    void failPod(Job job, int index, String reason) {
        workers.get(index).close();
        Pod failed = pod(job, index, false, reason);
        client.resource(failed).update();
    }

    String ip(int index) {
        return "127.0.0." + (firstHost + index);
    }

    private Pod pod(Job job, int index, boolean ready, String terminatedReason) {
        Map<String, String> labels = job.getSpec().getTemplate().getMetadata().getLabels();
        PodBuilder builder = new PodBuilder()
                .withNewMetadata()
                .withName(job.getMetadata().getName() + "-" + index + "-x")
                .withNamespace(namespace)
                .withLabels(labels)
                .withAnnotations(Map.of("batch.kubernetes.io/job-completion-index", Integer.toString(index)))
                .withCreationTimestamp(Instant.now().toString())
                .endMetadata()
                .withNewSpec().addNewContainer().withName("runner").withImage("llmload-runner").endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase(terminatedReason == null ? "Running" : "Failed")
                .withPodIP(ip(index))
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus();
        if (terminatedReason != null) {
            builder.editStatus().withContainerStatuses(new ContainerStatusBuilder().withName("runner")
                    .withNewState().withNewTerminated().withReason(terminatedReason).withExitCode(137)
                    .endTerminated().endState().build()).endStatus();
        }
        return builder.build();
    }

    @Override
    public void close() {
        workers.forEach(Worker::close);
    }
}
