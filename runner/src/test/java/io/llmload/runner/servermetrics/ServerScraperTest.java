package io.llmload.runner.servermetrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which URL a scraper reads: a NIM answers 404 (or something that is not Prometheus text) on /metrics and serves
 * /v1/metrics; the URL that worked is kept. Several endpoints (server, DCGM exporter) make one snapshot.
 */
class ServerScraperTest {

    private final FakeHttpServer server = new FakeHttpServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private ServerScraper targetScraper() {
        ScrapeEndpoint target = new ScrapeEndpoint("target", List.of(URI.create(server.baseUrl() + "/metrics"),
                URI.create(server.baseUrl() + "/v1/metrics")));
        return new ServerScraper(null, Duration.ofSeconds(5), () -> List.of(target));
    }

    @Test
    void aNimWithoutSlashMetricsIsReadOnV1MetricsAndThatUrlIsKept() {
        server.text("/v1/metrics", Exposition.text("nim.txt"));
        ServerScraper scraper = targetScraper();
        scraper.scrapeOnce();
        scraper.scrapeOnce();
        Scrapes scrapes = scraper.stop();

        assertThat(scrapes.snapshots()).hasSize(3);
        assertThat(scrapes.failures()).isZero();
        assertThat(scrapes.source()).isEqualTo(server.baseUrl() + "/v1/metrics");
        assertThat(scrapes.snapshots().get(2).snapshot().value(ServerMetric.KV_CACHE_USAGE)).hasValue(0.125);
        assertThat(server.hits("/metrics")).as("asked once, then never again").isEqualTo(1);
        assertThat(server.hits("/v1/metrics")).isEqualTo(3);
    }

    @Test
    void aPageThatIsNotPrometheusTextFallsBackToo() {
        server.text("/metrics", "<html><body>Welcome</body></html>");
        server.text("/v1/metrics", Exposition.text("nim.txt"));
        Scrapes scrapes = targetScraper().stop();
        assertThat(scrapes.source()).endsWith("/v1/metrics");
        assertThat(scrapes.snapshots().get(0).snapshot().value(ServerMetric.RUNNING)).hasValue(4);
    }

    @Test
    void aVllmOnSlashMetricsIsReadThere() {
        server.text("/metrics", Exposition.text("vllm.txt"));
        Scrapes scrapes = targetScraper().stop();
        assertThat(scrapes.source()).isEqualTo(server.baseUrl() + "/metrics");
        assertThat(server.hits("/v1/metrics")).isZero();
    }

    @Test
    void theServerAndTheDcgmExporterMakeOneSnapshot() {
        server.text("/metrics", Exposition.text("vllm.txt"));
        server.text("/dcgm", Exposition.text("dcgm.txt"));
        List<ScrapeEndpoint> endpoints = List.of(ScrapeEndpoint.of("target", URI.create(server.baseUrl() + "/metrics")),
                ScrapeEndpoint.of("dcgm", URI.create(server.baseUrl() + "/dcgm")));
        Scrapes scrapes = new ServerScraper(null, Duration.ofSeconds(5), () -> endpoints).stop();

        ServerSnapshot s = scrapes.snapshots().get(0).snapshot();
        assertThat(s.value(ServerMetric.KV_CACHE_USAGE)).hasValue(0.4375);
        assertThat(s.reading(ServerMetric.GPU_UTIL)).hasValueSatisfying(r -> {
            assertThat(r.mean()).isEqualTo(66.0);
            assertThat(r.max()).isEqualTo(87.0);
            assertThat(r.series()).isEqualTo(2);
        });
        assertThat(scrapes.source()).isEqualTo(server.baseUrl() + "/metrics, " + server.baseUrl() + "/dcgm");
    }

    @Test
    void anEndpointThatNeverAnswersIsCountedAndGivesNoReport() {
        server.route("/metrics", r -> new FakeHttpServer.Answer(500, "oops"));
        ServerScraper scraper = targetScraper();
        scraper.scrapeOnce();
        Scrapes scrapes = scraper.stop();
        assertThat(scrapes.snapshots()).isEmpty();
        assertThat(scrapes.failures()).isEqualTo(2);
    }

    @Test
    void noEndpointAtAllIsAFailedScrapeAndAFailingListingToo() {
        Scrapes none = new ServerScraper("pods app=vllm", Duration.ofSeconds(5), List::of).stop();
        assertThat(none.failures()).isEqualTo(1);
        assertThat(none.source()).isEqualTo("pods app=vllm");
        Scrapes broken = new ServerScraper("pods", Duration.ofSeconds(5), () -> {
            throw new IllegalStateException("forbidden");
        }).stop();
        assertThat(broken.failures()).isEqualTo(1);
    }
}
