package io.llmload.operator.it;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Plays an HPA and the Deployment controller on the mock API server, which has neither: a Deployment and its HPA,
 * and a thread that follows a script of steps at times from the load's start — the HPA asks for more replicas
 * (status.desiredReplicas, the Deployment's spec.replicas), and later the new pods become Ready
 * (status.readyReplicas). It records when each step actually happened: the ground truth the operator's latencies are
 * checked against, however late a busy machine ran the thread.
 */
final class FakeAutoscaler implements AutoCloseable {

    static final String NAME = "vllm";
    static final String METRIC = "vllm_kv_cache_usage_perc";

    /** At {@code at} after the load's start, the HPA asks for {@code desired}; or the Ready count becomes {@code ready}. */
    record Step(String label, Duration at, Integer desired, Integer ready) {

        static Step decide(String label, Duration at, int desired) {
            return new Step(label, at, desired, null);
        }

        static Step ready(String label, Duration at, int ready) {
            return new Step(label, at, null, ready);
        }
    }

    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, Instant> happened = new ConcurrentHashMap<>();
    private Thread thread;
    private volatile boolean closed;

    FakeAutoscaler(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** The Deployment and HPA at {@code replicas}, all Ready. */
    FakeAutoscaler create(int replicas) {
        client.resource(new DeploymentBuilder().withNewMetadata().withName(NAME).withNamespace(namespace)
                .endMetadata().withNewSpec().withReplicas(replicas).endSpec().build()).create();
        client.resource(new HorizontalPodAutoscalerBuilder().withNewMetadata().withName(NAME)
                .withNamespace(namespace).endMetadata().withNewSpec().withMinReplicas(1).withMaxReplicas(8)
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(NAME)
                .endScaleTargetRef().endSpec().build()).create();
        decide(replicas, 0.3);
        ready(replicas);
        return this;
    }

    /**
     * Runs the script once the load's start time is known (from {@code loadStart}, polled), each step at its time
     * from that start (never earlier).
     */
    void run(Supplier<Instant> loadStart, List<Step> script) {
        thread = new Thread(() -> {
            try {
                Instant start = null;
                while (!closed && (start = loadStart.get()) == null) {
                    Thread.sleep(50);
                }
                for (Step step : script) {
                    Instant due = start.plus(step.at());
                    long wait = Duration.between(Instant.now(), due).toMillis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    if (closed) {
                        return;
                    }
                    // Stamped before the API calls: the operator cannot see a change before it was made.
                    happened.put(step.label(), Instant.now());
                    if (step.desired() != null) {
                        decide(step.desired(), 0.9);
                    } else {
                        ready(step.ready());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fake-autoscaler");
        thread.setDaemon(true);
        thread.start();
    }

    /** When the step labelled so was applied (just before its API calls); null: not (yet). */
    Instant happened(String label) {
        return happened.get(label);
    }

    /** The HPA decides: its status, then the Deployment's spec, as the HPA controller does. */
    private void decide(int desired, double metricValue) {
        HorizontalPodAutoscaler hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace)
                .withName(NAME).get();
        hpa.setStatus(new HorizontalPodAutoscalerStatusBuilder()
                .withDesiredReplicas(desired).withCurrentReplicas(current())
                .withCurrentMetrics(new ArrayList<>(List.of(new MetricStatusBuilder().withType("Pods").withNewPods()
                        .withNewMetric().withName(METRIC).endMetric()
                        .withNewCurrent().withAverageValue(new Quantity(Double.toString(metricValue))).endCurrent()
                        .endPods().build())))
                .build());
        client.resource(hpa).updateStatus();
        client.apps().deployments().inNamespace(namespace).withName(NAME).edit(d -> {
            d.getSpec().setReplicas(desired);
            return d;
        });
    }

    /** The kubelet and the Deployment controller: this many pods Ready and available. */
    private void ready(int ready) {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(NAME).get();
        d.setStatus(new DeploymentStatusBuilder().withReplicas(ready)
                .withReadyReplicas(ready).withAvailableReplicas(ready).build());
        client.resource(d).updateStatus();
    }

    private int current() {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(NAME).get();
        return d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0
                : d.getStatus().getReadyReplicas();
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
        client.apps().deployments().inNamespace(namespace).withName(NAME).delete();
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).withName(NAME).delete();
    }
}
