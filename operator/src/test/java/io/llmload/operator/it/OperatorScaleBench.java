package io.llmload.operator.it;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * On demand ({@code -Dbenchmarks=true}): heap of the operator with 20 tests at once, measured after a GC at three
 * points — idle, with 20 tests created (operator state and caches only), and with 20 tests running (this JVM then
 * also hosts the 20 in-process runners and the simulator, so that figure is an upper bound). Results: docs/benchmarks.md.
 */
@QuarkusTest
@TestProfile(LoopbackRunnersProfile.class)
@WithKubernetesTestServer(crud = true)
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
class OperatorScaleBench {

    private static final int TESTS = 20;
    private static final String NS = "scale";

    @Inject
    KubernetesClient client;

    @Test
    void heapWithTwentyConcurrentTests() {
        long idle = usedHeapAfterGc();
        List<FakeCluster> clusters = new ArrayList<>();
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults())) {
            for (int i = 0; i < TESTS; i++) {
                client.resource(Manifests.fromYaml(manifest("t" + i, simulator.baseUrl()))).create();
            }
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < TESTS; i++) {
                FakeCluster cluster = new FakeCluster(client, NS, 10 + i);
                clusters.add(cluster);
                jobs.add(cluster.awaitJob("t" + i + "-runners"));
            }
            long created = usedHeapAfterGc();
            for (int i = 0; i < TESTS; i++) {
                clusters.get(i).runPods(jobs.get(i), clusters.get(i).plan("t" + i + "-plan"));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> count(LlmLoadTestStatus.PHASE_RUNNING) == TESTS);
            long running = usedHeapAfterGc();
            await().atMost(Duration.ofSeconds(120)).until(() -> count(LlmLoadTestStatus.PHASE_SUCCEEDED) == TESTS);
            System.out.printf("BENCH operator heap after GC: idle %d MiB, 20 tests created %d MiB, 20 tests "
                    + "running (with 20 in-process runners + simulator) %d MiB%n", idle >> 20, created >> 20,
                    running >> 20);
        } finally {
            clusters.forEach(FakeCluster::close);
        }
    }

    private long count(String phase) {
        return client.resources(LlmLoadTest.class).inNamespace(NS).list().getItems().stream()
                .filter(t -> t.getStatus() != null && phase.equals(t.getStatus().getPhase())).count();
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String manifest(String name, String url) {
        return "apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n"
                + "metadata: {name: " + name + ", namespace: " + NS + "}\n"
                + "spec:\n"
                + "  target: {url: '" + url + "', model: llmload-sim}\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {text: hello}, output: {maxTokens: {value: 8}}}]}\n"
                + "  load: {model: closed, stages: [{duration: 10s, users: 2}]}\n"
                + "  runners: {replicas: 1}\n";
    }
}
