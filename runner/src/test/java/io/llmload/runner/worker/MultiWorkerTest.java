package io.llmload.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmload.runner.report.RunData;
import io.llmload.runner.report.RunDataMerger;
import io.llmload.runner.simulator.RequestTruth;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Three runners of one test, as the operator's indexed Job runs them: each on its own loopback address with the
 * same control port, started together with one start time, each sending its share, merged into one result.
 */
class MultiWorkerTest {

    private static final int RUNNERS = 3;
    private static final String NAME = "multi-runner";
    private static final Pattern REQUEST_ID = Pattern.compile(Pattern.quote(NAME) + "-(\\d+)-(\\d+)");

    @Test
    void threeRunnersStartTogetherRunTheirShareAndMergeIntoOneResult() {
        List<Worker> workers = new ArrayList<>();
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withGroundTruth())) {
            String load = "{model: closed, gracefulStop: 5s, stages: [{duration: 2s, users: 6}]}";
            List<ControlClient> clients = new ArrayList<>();
            int port = 0;
            for (int i = 0; i < RUNNERS; i++) {
                String host = "127.0.0." + (i + 1);
                // The first picks a free port; the others bind the same port on their own address, like pods.
                Worker worker = new Worker(TestPlans.plan(NAME, simulator.baseUrl(), RUNNERS, load, port), i, null,
                        host);
                workers.add(worker);
                port = worker.start();
                clients.add(new ControlClient(host, port));
            }
            assertThat(workers).extracting(w -> w.status().index()).containsExactly(0, 1, 2);

            long startAt = System.currentTimeMillis() + 300;
            for (ControlClient client : clients) {
                ControlClient.Response response = client.start(startAt);
                assertThat(response.status()).isEqualTo(202);
                assertThat(response.as(WorkerStatus.class).runners()).isEqualTo(RUNNERS);
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> clients.stream()
                    .allMatch(c -> c.state().phase() == WorkerPhase.FINISHED));

            List<RunData> results = clients.stream().map(ControlClient::result).toList();
            long[] perRunner = results.stream().mapToLong(ControlClient::requests).toArray();
            assertThat(perRunner).doesNotContain(0L);
            RunData merged = RunDataMerger.merge(results);
            assertThat(ControlClient.requests(merged)).isEqualTo(perRunner[0] + perRunner[1] + perRunner[2]);
            assertThat(merged.runners()).isEqualTo(RUNNERS);
            assertThat(merged.aborted()).isFalse();

            // What the server saw, by runner index (the engine's request ids are <name>-<index>-<seq>).
            Map<Integer, List<RequestTruth>> byRunner = simulator.groundTruth().all().stream()
                    .collect(Collectors.groupingBy(MultiWorkerTest::runnerOf, TreeMap::new, Collectors.toList()));
            assertThat(byRunner).containsOnlyKeys(0, 1, 2);
            for (int i = 0; i < RUNNERS; i++) {
                assertThat(byRunner.get(i)).as("requests of runner %d", i).hasSize((int) perRunner[i]);
                // Six users dealt round-robin over three runners: each runner kept exactly two requests open.
                assertThat(maxConcurrency(byRunner.get(i))).as("users of runner %d", i).isEqualTo(2);
            }
            long[] firstArrivals = byRunner.values().stream()
                    .mapToLong(truths -> truths.stream().mapToLong(RequestTruth::arrivalNanos).min().orElseThrow())
                    .toArray();
            long skew = Arrays.stream(firstArrivals).max().orElseThrow()
                    - Arrays.stream(firstArrivals).min().orElseThrow();
            assertThat(Duration.ofNanos(skew)).isLessThan(Duration.ofSeconds(1));
        } finally {
            workers.forEach(Worker::close);
        }
    }

    private static int runnerOf(RequestTruth truth) {
        Matcher m = REQUEST_ID.matcher(truth.requestId());
        if (!m.matches()) {
            throw new AssertionError("unexpected request id " + truth.requestId());
        }
        return Integer.parseInt(m.group(1));
    }

    /** The most requests the server had open at once (arrival to end). */
    private static int maxConcurrency(List<RequestTruth> truths) {
        List<long[]> events = new ArrayList<>();
        for (RequestTruth t : truths) {
            events.add(new long[] { t.arrivalNanos(), 1 });
            events.add(new long[] { t.endNanos(), -1 });
        }
        // Ends sort before arrivals at the same instant: back-to-back requests of one user do not overlap.
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int open = 0;
        int max = 0;
        for (long[] e : events) {
            open += (int) e[1];
            max = Math.max(max, open);
        }
        return max;
    }
}
