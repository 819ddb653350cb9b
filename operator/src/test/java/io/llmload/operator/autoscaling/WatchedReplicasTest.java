package io.llmload.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.llmload.runner.autoscaling.ReplicaSample;
import io.llmload.runner.autoscaling.ReplicaTimeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Each kind's reader on Fabric8's CRUD mock API server: what it takes for desired, Ready and available replicas and
 * metrics, that its informer calls back on a change, and how a reading joins a workload and its autoscaler.
 */
@EnableKubernetesMockClient(crud = true)
class WatchedReplicasTest {

    private static final String NS = "models";

    KubernetesClient client;

    @Test
    void aDeploymentIsReadFromSpecAndStatusAndEveryChangeCallsBack() {
        client.resource(new DeploymentBuilder().withNewMetadata().withName("vllm").withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(3).endSpec()
                .withNewStatus().withReadyReplicas(2).withAvailableReplicas(1).endStatus().build()).create();
        AtomicInteger changes = new AtomicInteger();
        try (WatchedReplicas watched = new DeploymentReplicas(client, NS, "vllm")) {
            watched.start(changes::incrementAndGet);
            assertThat(watched.now()).isEqualTo(new ReplicaFacts(3, 2, 1, Map.of()));
            int before = changes.get();
            client.apps().deployments().inNamespace(NS).withName("vllm").edit(d -> {
                d.getSpec().setReplicas(4);
                return d;
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> watched.now().desired() == 4);
            assertThat(changes.get()).isGreaterThan(before);
            assertThat(watched.describe()).isEqualTo("Deployment models/vllm");
        }
    }

    @Test
    void aMissingWorkloadReadsAsUnknownAndAStatefulSetWithoutStatusAsNoneReady() {
        try (WatchedReplicas missing = new DeploymentReplicas(client, NS, "nothing")) {
            missing.start(() -> { });
            assertThat(missing.now()).isEqualTo(ReplicaFacts.NONE);
        }
        client.resource(new StatefulSetBuilder().withNewMetadata().withName("sglang").withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(2).endSpec().build()).create();
        try (WatchedReplicas watched = new StatefulSetReplicas(client, NS, "sglang")) {
            watched.start(() -> { });
            assertThat(watched.now()).isEqualTo(new ReplicaFacts(2, 0, null, Map.of()));
        }
    }

    @Test
    void aLeaderWorkerSetIsReadGenerically() {
        create(generic(LeaderWorkerSetReplicas.API_VERSION, "LeaderWorkerSet", "llama-405b",
                Map.of("replicas", 2), Map.of("readyReplicas", 1, "replicas", 2)), "leaderworkersets");
        try (WatchedReplicas watched = new LeaderWorkerSetReplicas(client, NS, "llama-405b")) {
            watched.start(() -> { });
            assertThat(watched.now()).isEqualTo(new ReplicaFacts(2, 1, null, Map.of()));
        }
    }

    @Test
    void anInferenceServiceIsReadFromItsPredictorDeploymentWhileItExists() {
        client.resource(new DeploymentBuilder().withNewMetadata().withName("llama-predictor").withNamespace(NS)
                .endMetadata().withNewSpec().withReplicas(2).endSpec()
                .withNewStatus().withReadyReplicas(2).withAvailableReplicas(2).endStatus().build()).create();
        try (WatchedReplicas watched = new InferenceServiceReplicas(client, NS, "llama")) {
            watched.start(() -> { });
            assertThat(watched.now()).as("no InferenceService").isEqualTo(ReplicaFacts.NONE);
        }
        create(generic(InferenceServiceReplicas.API_VERSION, "InferenceService", "llama",
                Map.of("predictor", Map.of("minReplicas", 1)), Map.of()), "inferenceservices");
        try (WatchedReplicas watched = new InferenceServiceReplicas(client, NS, "llama")) {
            watched.start(() -> { });
            assertThat(watched.now()).isEqualTo(new ReplicaFacts(2, 2, 2, Map.of()));
        }
    }

    @Test
    void anHpaGivesItsDecisionAndItsMetricValues() {
        client.resource(hpa("vllm", 3, "vllm_num_requests_waiting", "7500m")).create();
        try (WatchedReplicas watched = new HpaReplicas(client, NS, "vllm")) {
            watched.start(() -> { });
            assertThat(watched.now()).isEqualTo(new ReplicaFacts(3, null, null,
                    Map.of("vllm_num_requests_waiting", 7.5, "cpu", 80.0)));
        }
    }

    @Test
    void aScaledObjectIsReadThroughTheHpaKedaOwnsWithItsActiveCondition() {
        create(generic(ScaledObjectReplicas.API_VERSION, "ScaledObject", "vllm",
                Map.of("scaleTargetRef", Map.of("name", "vllm")),
                Map.of("hpaName", "keda-hpa-vllm", "conditions", List.of(
                        Map.of("type", "Ready", "status", "True"), Map.of("type", "Active", "status", "True")))),
                "scaledobjects");
        client.resource(hpa("keda-hpa-vllm", 4, "s0-prometheus", "12")).create();
        try (WatchedReplicas watched = new ScaledObjectReplicas(client, NS, "vllm")) {
            watched.start(() -> { });
            assertThat(watched.now()).isEqualTo(new ReplicaFacts(4, null, null,
                    Map.of("s0-prometheus", 12.0, "cpu", 80.0, "keda_active", 1.0)));
            assertThat(watched.describe())
                    .isEqualTo("ScaledObject models/vllm (HorizontalPodAutoscaler models/keda-hpa-vllm)");
        }
    }

    @Test
    void aReadingTakesTheAutoscalersDecisionAndTheWorkloadsReadyReplicas() {
        client.resource(new DeploymentBuilder().withNewMetadata().withName("vllm").withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(1).endSpec().withNewStatus().withReadyReplicas(1).endStatus().build())
                .create();
        client.resource(hpa("vllm", 3, "kv", "0.9")).create();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        ClusterReplicaSource source = new ClusterReplicaSource(new DeploymentReplicas(client, NS, "vllm"),
                new HpaReplicas(client, NS, "vllm"), Duration.ofSeconds(5), Clock.fixed(now, ZoneOffset.UTC))
                .start();
        source.poll();
        ReplicaTimeline timeline = source.finish(now, now);
        ReplicaSample last = timeline.samples().get(timeline.samples().size() - 1);
        assertThat(last.desired()).as("the HPA's, ahead of the Deployment's spec").isEqualTo(3);
        assertThat(last.ready()).isEqualTo(1);
        assertThat(last.metrics()).containsEntry("kv", 0.9);
        assertThat(timeline.samples()).extracting(ReplicaSample::source).contains("poll");
        assertThat(timeline.source())
                .isEqualTo("informers on Deployment models/vllm and HorizontalPodAutoscaler models/vllm");
        assertThat(timeline.failures()).isZero();
    }

    /** A CRD kind the mock server has no discovery for: created at its path, named in full. */
    private void create(GenericKubernetesResource object, String plural) {
        String[] apiVersion = object.getApiVersion().split("/");
        client.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup(apiVersion[0])
                .withVersion(apiVersion[1]).withKind(object.getKind()).withPlural(plural).withNamespaced(true).build())
                .inNamespace(NS).resource(object).create();
    }

    private static GenericKubernetesResource generic(String apiVersion, String kind, String name,
            Map<String, Object> spec, Map<String, Object> status) {
        return new GenericKubernetesResourceBuilder().withApiVersion(apiVersion).withKind(kind)
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withAdditionalProperties(Map.of("spec", spec, "status", status)).build();
    }

    private static HorizontalPodAutoscaler hpa(String name, int desired, String metric, String value) {
        return new HorizontalPodAutoscalerBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withMaxReplicas(8).endSpec()
                .withNewStatus().withDesiredReplicas(desired).withCurrentReplicas(1)
                .addToCurrentMetrics(new MetricStatusBuilder().withType("Pods").withNewPods()
                        .withNewMetric().withName(metric).endMetric()
                        .withNewCurrent().withAverageValue(new Quantity(value)).endCurrent().endPods().build())
                .addToCurrentMetrics(new MetricStatusBuilder().withType("Resource").withNewResource().withName("cpu")
                        .withNewCurrent().withAverageUtilization(80).endCurrent().endResource().build())
                .endStatus().build();
    }
}
