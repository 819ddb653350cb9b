package io.llmload.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmload.operator.rbac.RepoFiles;
import io.llmload.runner.servermetrics.PrometheusTextParser;
import io.llmload.runner.servermetrics.Sample;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.llmload.runner.spec.ManifestReader;
import io.llmload.runner.worker.Worker;
import io.llmload.runner.worker.WorkerPhase;
import io.llmload.runner.worker.WorkerPlan;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every query of {@code config/grafana/llmload.json} reads metrics somebody really exposes: the names a real runner
 * serves on /metrics after a short run against the simulator, the operator's /q/metrics, and a documented allowlist of
 * external metrics (vLLM, DCGM exporter; docs/metrics.md#the-grafana-dashboard) — the vLLM ones also served by our
 * simulator, which speaks vLLM's names.
 */
@QuarkusTest
@TestProfile(LoopbackRunnersProfile.class)
@WithKubernetesTestServer(crud = true)
class GrafanaDashboardTest {

    /**
     * vLLM's names as its Prometheus logger registers them (vllm-project/vllm, vllm/v1/metrics/loggers.py: counters
     * get {@code _total} from prometheus_client); {@code vllm:gpu_cache_usage_perc} is the name before
     * {@code vllm:kv_cache_usage_perc} (deprecated, still served).
     */
    static final Set<String> VLLM = Set.of("vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc",
            "vllm:num_requests_waiting", "vllm:num_requests_running", "vllm:generation_tokens_total",
            "vllm:prompt_tokens_total");
    /** NVIDIA dcgm-exporter's default counters (NVIDIA/dcgm-exporter, etc/default-counters.csv). */
    static final Set<String> DCGM = Set.of("DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_POWER_USAGE");

    private static final ObjectMapper JSON = new ObjectMapper();
    /** HTTP/1.1: the JDK client's h2c upgrade against Quarkus' HTTP server breaks now and then. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TestHTTPResource("/q/metrics")
    URL operatorMetrics;

    @Test
    void everyQueryReadsAMetricTheRunnerTheOperatorOrTheAllowlistedServersExpose() throws Exception {
        JsonNode dashboard = JSON.readTree(Files.readString(RepoFiles.root().resolve("config/grafana/llmload.json")));
        Set<String> runner;
        Set<String> simulator;
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults())) {
            runner = runnerMetricNames(sim.baseUrl());
            simulator = names(scrape(URI.create(sim.baseUrl() + "/metrics")));
        }
        Set<String> operator = names(scrape(operatorMetrics.toURI()));
        assertThat(runner).contains("llmload_requests_total", "llmload_ttft_seconds_bucket");
        assertThat(operator).contains("llmload_tests", "llmload_reconcile_seconds_bucket");
        // Our simulator serves vLLM's names: what the dashboard asks of vLLM, it answers too.
        assertThat(simulator).containsAll(VLLM);

        Set<String> known = new TreeSet<>(runner);
        known.addAll(operator);
        known.addAll(VLLM);
        known.addAll(DCGM);
        Map<String, Set<String>> queried = queries(dashboard);
        assertThat(queried).hasSizeGreaterThan(25);
        assertThat(unknownNames(queried, known)).as("queries of names nobody exposes").isEmpty();

        // The allowlist holds nothing the dashboard does not use, and every section of the dashboard is checked.
        Set<String> used = queried.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        assertThat(used).containsAll(VLLM).containsAll(DCGM);
        assertThat(used).anyMatch(runner::contains).anyMatch(operator::contains);
        assertThat(used).contains("llmload_ttft_seconds_bucket", "llmload_itl_seconds_bucket",
                "llmload_e2e_seconds_bucket", "llmload_requests_in_flight", "llmload_request_errors_total",
                "llmload_output_tokens_total", "llmload_tests", "llmload_runner_poll_failures_total");

        // A panel querying a name nobody exposes is caught.
        ObjectNode broken = dashboard.deepCopy();
        ((ObjectNode) broken.withArray("/panels").get(1).withArray("/targets").get(0))
                .put("expr", "sum(rate(llmload_request_total{test=~\"$test\"}[1m]))");
        assertThat(unknownNames(queries(broken), known)).containsExactly(
                Map.entry("sum(rate(llmload_request_total{test=~\"$test\"}[1m]))", Set.of("llmload_request_total")));
    }

    @Test
    void liveRunPanelsFilterByTheTemplateVariables() throws IOException {
        JsonNode dashboard = JSON.readTree(Files.readString(RepoFiles.root().resolve("config/grafana/llmload.json")));
        List<String> variables = new ArrayList<>();
        dashboard.at("/templating/list").forEach(v -> variables.add(v.get("name").asText()));
        assertThat(variables).contains("namespace", "test");
        for (String expr : queries(dashboard).keySet()) {
            // The runners' series: every one scoped to the chosen namespaces and tests.
            if (expr.contains("llmload_") && !expr.contains("llmload_tests") && !expr.contains("llmload_reconcile")
                    && !expr.contains("llmload_runner_poll") && !expr.contains("llmload_status_conflicts")
                    && !expr.startsWith("label_values")) {
                assertThat(expr).as("a live-run query").contains("namespace=~\"$namespace\"")
                        .contains("test=~\"$test\"");
            }
        }
    }

    @Test
    void promQlNamesAreReadWithoutLabelsFunctionsOrVariables() {
        assertThat(PromQlNames.of("histogram_quantile(0.95, sum by (le, stage) (rate(llmload_ttft_seconds_bucket"
                + "{namespace=~\"$namespace\", test=~\"$test\"}[$__rate_interval])))"))
                .containsExactly("llmload_ttft_seconds_bucket");
        assertThat(PromQlNames.of("max by (pod) (vllm:gpu_cache_usage_perc{a=\"b\"}) unless on (pod) "
                + "vllm:kv_cache_usage_perc")).containsExactly("vllm:gpu_cache_usage_perc",
                "vllm:kv_cache_usage_perc");
        assertThat(PromQlNames.of("sum(rate(a_total[1m])) / sum(rate(b_total[1m])) * 100"))
                .containsExactly("a_total", "b_total");
        assertThat(PromQlNames.of("label_values(llmload_requests_total{namespace=~\"$namespace\"}, test)"))
                .containsExactly("llmload_requests_total");
        assertThatThrownBy(() -> PromQlNames.of("sum(rate(x[1m])")).hasMessageContaining("unbalanced");
        assertThatThrownBy(() -> PromQlNames.of("summ(x)")).hasMessageContaining("unknown function 'summ'");
    }

    /** Every query of the dashboard (panels, rows' panels, template variables) → the metric names it reads. */
    static Map<String, Set<String>> queries(JsonNode dashboard) {
        Map<String, Set<String>> queries = new LinkedHashMap<>();
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(p -> {
            panels.add(p);
            p.path("panels").forEach(panels::add);
        });
        for (JsonNode panel : panels) {
            panel.path("targets").forEach(t -> queries.put(t.path("expr").asText(),
                    PromQlNames.of(t.path("expr").asText())));
        }
        dashboard.at("/templating/list").forEach(v -> {
            if ("query".equals(v.path("type").asText())) {
                String query = v.at("/query/query").asText(v.path("query").asText());
                queries.put(query, PromQlNames.of(query));
            }
        });
        return queries;
    }

    static Map<String, Set<String>> unknownNames(Map<String, Set<String>> queries, Set<String> known) {
        Map<String, Set<String>> unknown = new LinkedHashMap<>();
        queries.forEach((expr, names) -> {
            Set<String> missing = names.stream().filter(n -> !known.contains(n)).collect(Collectors.toSet());
            if (!missing.isEmpty()) {
                unknown.put(expr, missing);
            }
        });
        return unknown;
    }

    /** A real runner's /metrics after a short run against the simulator. */
    private static Set<String> runnerMetricNames(String targetUrl) throws Exception {
        WorkerPlan plan = new WorkerPlan("dashboard", "load", 1, targetUrl, "llmload-sim",
                ManifestReader.parse("""
                        apiVersion: llmload.io/v1alpha1
                        kind: LlmLoadTest
                        metadata: {name: dashboard}
                        spec:
                          target: {url: 'http://unused', model: llmload-sim}
                          workload: {mix: [{name: chat, api: chat, stream: true, prompt: {inputTokens: {value: 16}},
                                            output: {maxTokens: {value: 8}}}]}
                          load: {model: closed, stages: [{name: only, duration: 1s, users: 2}]}
                        """).spec(), 1, 0);
        try (Worker worker = new Worker(plan, 0, null, "127.0.0.1").serveMetrics(0)) {
            int control = worker.start();
            HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control
                    + "/v1/start")).POST(HttpRequest.BodyPublishers.ofString("{\"startAtEpochMillis\": "
                    + System.currentTimeMillis() + "}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> worker.status().phase() == WorkerPhase.FINISHED);
            return names(scrape(URI.create("http://127.0.0.1:" + worker.metricsPort() + "/metrics")));
        }
    }

    private static List<Sample> scrape(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(uri.toString()).isEqualTo(200);
        return PrometheusTextParser.parse(response.body()).samples();
    }

    private static Set<String> names(List<Sample> samples) {
        return samples.stream().map(Sample::name).collect(Collectors.toCollection(TreeSet::new));
    }
}
