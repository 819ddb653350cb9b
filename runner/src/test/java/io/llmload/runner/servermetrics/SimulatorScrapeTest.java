package io.llmload.runner.servermetrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The simulator's real /metrics output, read the way the scraper will read a vLLM server. */
class SimulatorScrapeTest {

    @Test
    void idleSimulatorShowsEmptyKvCacheAndNoRequests() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults())) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/metrics"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(ct -> assertThat(ct)
                    .startsWith("text/plain").contains("version=0.0.4"));

            PrometheusTextParser.Parsed parsed = PrometheusTextParser.parse(r.body());
            assertThat(parsed.malformedLines()).isZero();
            ServerSnapshot s = ServerSnapshot.from(parsed.samples());

            // Both KV names are exposed with the same labels: counted once.
            assertThat(s.reading(ServerMetric.KV_CACHE_USAGE)).contains(new Reading(0, 0, 0, 0, 1));
            assertThat(s.value(ServerMetric.RUNNING)).hasValue(0);
            assertThat(s.value(ServerMetric.WAITING)).hasValue(0);
            assertThat(s.value(ServerMetric.PREEMPTIONS_TOTAL)).hasValue(0);
            assertThat(s.value(ServerMetric.PREFIX_CACHE_HITS_TOTAL)).hasValue(0);
            assertThat(s.has(ServerMetric.PROMPT_TOKENS_TOTAL)).isTrue();
            assertThat(s.has(ServerMetric.GENERATION_TOKENS_TOTAL)).isTrue();
            assertThat(s.has(ServerMetric.GPU_UTIL)).isFalse(); // the simulator has no DCGM exporter
        }
    }
}
