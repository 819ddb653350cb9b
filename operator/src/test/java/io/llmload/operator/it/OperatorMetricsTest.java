package io.llmload.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.runner.servermetrics.PrometheusTextParser;
import io.llmload.runner.servermetrics.Sample;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's {@code llmload_tests} gauges count exactly the tests the API holds, by phase and verdict (a run that
 * succeeded, one refused as invalid, and whatever other test classes left in the mock API).
 */
@QuarkusTest
@TestProfile(LoopbackRunnersProfile.class)
@WithKubernetesTestServer(crud = true)
class OperatorMetricsTest {

    private static final String NS = "gauges";

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/q/metrics")
    URL metricsUrl;

    private Simulator simulator;
    private FakeCluster cluster;

    @BeforeEach
    void start() {
        simulator = Simulator.start(SimulatorConfig.defaults());
        cluster = new FakeCluster(client, NS);
    }

    @AfterEach
    void stop() {
        cluster.close();
        simulator.close();
    }

    @Test
    void testsByPhaseAndVerdictAreTheApisTests() throws Exception {
        client.resource(Manifests.chatTest("passes", NS, simulator.baseUrl(), 1, "")).create();
        client.resource(Manifests.fromYaml("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n"
                + "metadata: {name: no-runners, namespace: " + NS + "}\n"
                + "spec:\n"
                + "  target: {url: 'http://127.0.0.1:1', model: m}\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {text: hi}}]}\n"
                + "  load: {model: closed, stages: [{duration: 1s, users: 1}]}\n"
                + "  runners: {replicas: 0}\n")).create();
        cluster.runPods(cluster.awaitJob("passes-runners"), cluster.plan("passes-plan"));
        await().atMost(Duration.ofSeconds(60)).until(() -> phase("passes"), LlmLoadTestStatus.PHASE_SUCCEEDED::equals);
        await().atMost(Duration.ofSeconds(20)).until(() -> phase("no-runners"), LlmLoadTestStatus.PHASE_FAILED::equals);

        // The informer's cache may trail the API by a moment: the gauges must come to equal it, not lead or drift.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Long> inApi = client.resources(LlmLoadTest.class).inAnyNamespace().list().getItems().stream()
                    .collect(Collectors.groupingBy(OperatorMetricsTest::key, TreeMap::new, Collectors.counting()));
            assertThat(gauges()).isEqualTo(inApi);
        });
        Map<String, Long> gauges = gauges();
        assertThat(gauges).hasEntrySatisfying(key(client.resources(LlmLoadTest.class).inNamespace(NS)
                .withName("passes").get()), n -> assertThat(n).isPositive());
        assertThat(gauges.get("Failed/none")).isGreaterThanOrEqualTo(1);

        List<Sample> samples = scrape();
        assertThat(samples).extracting(Sample::name).contains("llmload_runner_poll_failures_total",
                "llmload_status_conflicts_total", "llmload_reconcile_seconds_count", "llmload_tests_started_total");
        // 6 phases x 4 verdicts, zeros included: a phase nobody is in reads 0, not "no data".
        assertThat(samples).filteredOn(s -> s.name().equals("llmload_tests")).hasSize(24);
    }

    private static String key(LlmLoadTest test) {
        LlmLoadTestStatus status = test.getStatus();
        String phase = status == null || status.getPhase() == null ? "Pending" : status.getPhase();
        String verdict = status == null || status.getVerdict() == null ? "none" : status.getVerdict();
        return phase + "/" + verdict;
    }

    /** The non-zero {@code llmload_tests} series as phase/verdict → count. */
    private Map<String, Long> gauges() throws IOException, InterruptedException {
        return scrape().stream().filter(s -> s.name().equals("llmload_tests") && s.value() > 0)
                .collect(Collectors.toMap(s -> s.labels().get("phase") + "/" + s.labels().get("verdict"),
                        s -> (long) s.value(), Long::sum, TreeMap::new));
    }

    private List<Sample> scrape() throws IOException, InterruptedException {
        try {
            // HTTP/1.1: the JDK client's h2c upgrade against Quarkus' HTTP server breaks now and then.
            String body = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(metricsUrl.toURI()).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return PrometheusTextParser.parse(body).samples();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private String phase(String name) {
        LlmLoadTestStatus status = new Observed(client, NS).status(name);
        return status == null ? null : status.getPhase();
    }
}
