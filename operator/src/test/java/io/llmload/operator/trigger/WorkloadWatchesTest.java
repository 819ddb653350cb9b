package io.llmload.operator.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One informer per followed object, on the Fabric8 mock API (CRUD): the followed Deployment is seen and its changes
 * reach the tests following it; another Deployment in the namespace does not; the informer stops with its last
 * follower; a kind the cluster does not serve is refused.
 */
@EnableKubernetesMockClient(crud = true)
class WorkloadWatchesTest {

    KubernetesClient client;

    private final List<ResourceID> notified = new CopyOnWriteArrayList<>();
    private WorkloadWatches watches;
    private final WorkloadType deployment = WorkloadTypes.find("apps/v1", "Deployment").orElseThrow();
    private final ResourceID testA = new ResourceID("a", "models");
    private final ResourceID testB = new ResourceID("b", "models");

    @BeforeEach
    void start() {
        watches = new WorkloadWatches(client, notified::add);
    }

    @AfterEach
    void stop() {
        watches.close();
    }

    @Test
    void theFollowedWorkloadIsCachedAndItsChangesReachItsFollowersOnly() {
        client.resource(deployment("vllm")).inNamespace("models").create();
        client.resource(deployment("other")).inNamespace("models").create();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(watches.follow(testA, deployment, "models", "vllm")).isNotNull());
        watches.follow(testB, deployment, "models", "vllm");
        assertThat(watches.watched()).isEqualTo(1);
        GenericKubernetesResource cached = watches.follow(testA, deployment, "models", "vllm");
        assertThat(deployment.read(cached).revision().images()).containsExactly("vllm=vllm/vllm-openai:v0.6.3");
        notified.clear();

        client.apps().deployments().inNamespace("models").withName("other")
                .edit(d -> {
                    d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("x:2");
                    return d;
                });
        client.apps().deployments().inNamespace("models").withName("vllm")
                .edit(d -> {
                    d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("vllm/vllm-openai:v0.7.0");
                    return d;
                });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(notified).contains(testA, testB));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(deployment.read(
                watches.follow(testA, deployment, "models", "vllm")).revision().images())
                .containsExactly("vllm=vllm/vllm-openai:v0.7.0"));
        // Only the followed object's events: "other" changed first, and no test follows it.
        assertThat(notified).containsOnly(testA, testB);
    }

    @Test
    void theInformerStopsWithItsLastFollowerAndMovesWithTheSpec() {
        watches.follow(testA, deployment, "models", "vllm");
        watches.follow(testB, deployment, "models", "vllm");
        watches.unfollow(testA);
        assertThat(watches.watched()).isEqualTo(1);
        watches.follow(testB, deployment, "models", "vllm-2");
        assertThat(watches.watched()).isEqualTo(1);
        watches.unfollow(testB);
        assertThat(watches.watched()).isZero();
        // A missing workload is no error: null until it exists.
        assertThat(watches.follow(testA, deployment, "models", "not-yet")).isNull();
    }

    @Test
    void aKindTheClusterDoesNotServeIsRefused() {
        WorkloadType isvc = WorkloadTypes.find("serving.kserve.io/v1beta1", "InferenceService").orElseThrow();
        assertThatThrownBy(() -> watches.follow(testA, isvc, "models", "llama"))
                .isInstanceOf(WorkloadWatches.KindNotInstalledException.class)
                .hasMessage("InferenceService (serving.kserve.io/v1beta1) is not installed in this cluster: its CRD "
                        + "inferenceservices.serving.kserve.io is missing");
        assertThat(watches.watched()).isZero();
    }

    private static Deployment deployment(String name) {
        Deployment d = Serialization.unmarshal(Workloads.class.getResourceAsStream("/workloads/deployment-complete.yaml"),
                Deployment.class);
        d.getMetadata().setName(name);
        d.getMetadata().setResourceVersion(null);
        d.getMetadata().setUid(null);
        return d;
    }
}
