package io.llmload.operator.it;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.LlmLoadTestStatus;
import io.llmload.operator.config.OperatorConfig;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.report.RunData;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.llmload.runner.worker.WorkerProgress;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * On demand ({@code -Dbenchmarks=true}; results and commands in docs/benchmarks.md), with the operator's production
 * timings (5 s polls, 2 s start lead): how the operator holds up with many tests at once. One JVM holds the test
 * framework, the mock API server, the operator, the simulator and every in-process runner, on 2 cores.
 */
@QuarkusTest
@TestProfile(ProductionTimingProfile.class)
@WithKubernetesTestServer(crud = true)
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
class OperatorScaleBench {

    private static final String NS = "scale";
    /** HTTP/1.1 as the operator speaks it (the JDK's default h2c upgrade against Vert.x stalled on large answers). */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    KubernetesClient client;

    @Inject
    MeterRegistry registry;

    @Inject
    OperatorConfig config;

    /** Heap after a GC, idle, with 20 tests created (operator state, caches), and with 20 tests running. */
    @Test
    void heapWithTwentyConcurrentTests() {
        int tests = 20;
        long idle = usedHeapAfterGc();
        List<FakeCluster> clusters = new ArrayList<>();
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults())) {
            for (int i = 0; i < tests; i++) {
                client.resource(Manifests.fromYaml(manifest("h" + i, simulator.baseUrl(), 1,
                        "{model: closed, stages: [{duration: 10s, users: 2}]}"))).create();
            }
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < tests; i++) {
                FakeCluster cluster = new FakeCluster(client, NS, 10 + i);
                clusters.add(cluster);
                jobs.add(cluster.awaitJob("h" + i + "-runners"));
            }
            long created = usedHeapAfterGc();
            for (int i = 0; i < tests; i++) {
                clusters.get(i).runPods(jobs.get(i), clusters.get(i).plan("h" + i + "-plan"));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> count("h", LlmLoadTestStatus.PHASE_RUNNING) == tests);
            long running = usedHeapAfterGc();
            await().atMost(Duration.ofSeconds(120)).until(() -> count("h", LlmLoadTestStatus.PHASE_SUCCEEDED) == tests);
            System.out.printf("BENCH operator heap after GC: idle %d MiB, 20 tests created %d MiB, 20 tests "
                    + "running (with 20 in-process runners + simulator) %d MiB%n", idle >> 20, created >> 20,
                    running >> 20);
        } finally {
            clusters.forEach(FakeCluster::close);
        }
    }

    /**
     * 50 tests × 4 runners at once: how often each test's status is refreshed while it runs (target: at least every
     * 10 s), how far apart each test's 4 runners really start (target: under 1 s), what one reconcile costs, and
     * how much smaller an incremental progress answer is than a full one.
     */
    @Test
    void fiftyTestsOfFourRunnersStayFreshAndStartTogether() throws Exception {
        int tests = 50;
        int runners = 4;
        // Light load (each user thinks 2 s between requests): the runners and the simulator share the JVM and the
        // 2 cores with the operator, and what is measured here is the operator, not the simulator.
        String load = "{model: closed, warmup: 5s, thinkTime: 2s, gracefulStop: 5s, stages: [{name: a, duration: 20s,"
                + " users: 4}, {name: b, duration: 20s, users: 8}]}";
        Map<String, List<Long>> refreshes = new ConcurrentHashMap<>();
        List<FakeCluster> clusters = new ArrayList<>();
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults());
                Watch watch = watchProgress(refreshes)) {
            Timer reconcile = registry.find("llmload.reconcile").timer();
            Timer cpu = registry.find("llmload.reconcile.cpu").timer();
            long reconcilesBefore = reconcile == null ? 0 : reconcile.count();
            double cpuBefore = cpu == null ? 0 : cpu.totalTime(TimeUnit.MILLISECONDS);
            for (int i = 0; i < tests; i++) {
                client.resource(Manifests.fromYaml(manifest("f" + i, simulator.baseUrl(), runners, load))).create();
            }
            for (int i = 0; i < tests; i++) {
                FakeCluster cluster = new FakeCluster(client, NS, 10 + runners * i);
                clusters.add(cluster);
                Job job = cluster.awaitJob("f" + i + "-runners");
                cluster.runPods(job, cluster.plan("f" + i + "-plan"));
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> count("f", LlmLoadTestStatus.PHASE_RUNNING) >= 1);
            // Mid-run, one runner: a full progress answer against one with the cursor of a poll 5 s earlier.
            await().pollDelay(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(20)).until(() -> true);
            String ip = "127.0.0.10";
            HttpResponse<String> full = get(ip, "/v1/progress");
            String cursor = ReportFiles.mapper().readValue(full.body(), WorkerProgress.class).cursor();
            await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
            HttpResponse<String> incremental = get(ip, "/v1/progress?since=" + cursor);
            HttpResponse<String> fullAgain = get(ip, "/v1/progress");

            await().atMost(Duration.ofSeconds(240)).until(() -> count("f", null) == tests);
            long failed = tests - count("f", LlmLoadTestStatus.PHASE_SUCCEEDED);

            List<Double> gaps = new ArrayList<>();
            refreshes.values().forEach(times -> {
                for (int k = 1; k < times.size(); k++) {
                    gaps.add((times.get(k) - times.get(k - 1)) / 1e9);
                }
            });
            List<Double> skews = new ArrayList<>();
            List<Double> lateness = new ArrayList<>();
            for (int i = 0; i < tests; i++) {
                LlmLoadTestStatus status = client.resources(LlmLoadTest.class).inNamespace(NS).withName("f" + i)
                        .get().getStatus();
                List<Instant> starts = new ArrayList<>();
                for (int r = 0; r < runners; r++) {
                    RunData data = ReportFiles.mapper().readValue(get("127.0.0." + (10 + runners * i + r),
                            "/v1/result").body(), RunData.class);
                    starts.add(Instant.parse(data.startTime()));
                }
                Instant first = Collections.min(starts);
                skews.add(Duration.between(first, Collections.max(starts)).toNanos() / 1e6);
                lateness.add(Duration.between(Instant.parse(status.getStartTime()), first).toNanos() / 1e6);
            }
            Collections.sort(gaps);
            Collections.sort(skews);
            Collections.sort(lateness);
            reconcile = registry.find("llmload.reconcile").timer();
            cpu = registry.find("llmload.reconcile.cpu").timer();
            System.out.printf("BENCH %d tests x %d runners (poll interval %s): %d not Succeeded%n", tests, runners,
                    config.pollInterval(), failed);
            System.out.printf("BENCH status refresh interval while running (s): %d intervals, p50 %.2f, p95 %.2f, "
                    + "max %.2f%n", gaps.size(), pct(gaps, 50), pct(gaps, 95), pct(gaps, 100));
            System.out.printf("BENCH start skew between a test's runners (ms): p50 %.1f, max %.1f; first runner's "
                    + "start after the scheduled time (ms): p50 %.1f, max %.1f%n", pct(skews, 50), pct(skews, 100),
                    pct(lateness, 50), pct(lateness, 100));
            long calls = reconcile.count() - reconcilesBefore;
            System.out.printf("BENCH reconcile: %d calls, wall time mean %.1f ms, max %.1f ms; CPU time mean %.2f ms "
                    + "(%.1f s of CPU in all)%n", calls, reconcile.mean(TimeUnit.MILLISECONDS),
                    reconcile.max(TimeUnit.MILLISECONDS), (cpu.totalTime(TimeUnit.MILLISECONDS) - cpuBefore) / calls,
                    (cpu.totalTime(TimeUnit.MILLISECONDS) - cpuBefore) / 1000);
            System.out.printf("BENCH progress answer mid-run: full %d bytes, incremental (5 s) %d bytes (%.0f%%)%n",
                    fullAgain.body().length(), incremental.body().length(),
                    100.0 * incremental.body().length() / fullAgain.body().length());
            System.out.printf("BENCH heap after GC with 50 tests done (200 runners still up): %d MiB; load "
                    + "average (1, 5, 15 min) %s%n", usedHeapAfterGc() >> 20, loadAverage());
        } finally {
            clusters.forEach(FakeCluster::close);
        }
    }

    /** Records, per test, when its status shows new progress while it runs. */
    private Watch watchProgress(Map<String, List<Long>> refreshes) {
        Map<String, Double> lastElapsed = new ConcurrentHashMap<>();
        return client.resources(LlmLoadTest.class).inNamespace(NS).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, LlmLoadTest test) {
                var status = test.getStatus();
                if (status == null || !LlmLoadTestStatus.PHASE_RUNNING.equals(status.getPhase())
                        || status.getProgress() == null || status.getProgress().elapsedSeconds() == null) {
                    return;
                }
                String name = test.getMetadata().getName();
                Double elapsed = status.getProgress().elapsedSeconds();
                if (!elapsed.equals(lastElapsed.put(name, elapsed))) {
                    refreshes.computeIfAbsent(name, k -> Collections.synchronizedList(new ArrayList<>()))
                            .add(System.nanoTime());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    private static HttpResponse<String> get(String ip, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":"
                + LoopbackRunnersProfile.CONTROL_PORT + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double pct(List<Double> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** Tests whose name starts with {@code prefix} in {@code phase} (null: any finished phase). */
    private long count(String prefix, String phase) {
        return client.resources(LlmLoadTest.class).inNamespace(NS).list().getItems().stream()
                .filter(t -> t.getMetadata().getName().startsWith(prefix) && t.getStatus() != null)
                .filter(t -> phase == null ? LlmLoadTestStatus.isFinished(t.getStatus().getPhase())
                        : phase.equals(t.getStatus().getPhase()))
                .count();
    }

    /** The machine's load (other builds may share it): /proc/loadavg where there is one. */
    private static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String manifest(String name, String url, int runners, String load) {
        return "apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n"
                + "metadata: {name: " + name + ", namespace: " + NS + "}\n"
                + "spec:\n"
                + "  target: {url: '" + url + "', model: llmload-sim}\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {text: hello}, output: {maxTokens: {value: 8}}}]}\n"
                + "  load: " + load + "\n"
                + "  runners: {replicas: " + runners + "}\n"
                + "  cleanup: {policy: Never}\n";
    }
}
