package io.llmload.runner.servermetrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Scrapes one Prometheus endpoint at a fixed interval on its own daemon thread (never the engine's event loop) until
 * stopped. A failed scrape is counted, never fatal: server metrics enrich a run, they must not break it.
 */
public final class ServerScraper {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "llmload-server-scraper");
        t.setDaemon(true);
        return t;
    });
    private final List<TimedSnapshot> snapshots = new ArrayList<>();
    private int failures;

    public ServerScraper(URI url) {
        this.url = url;
    }

    public ServerScraper start(Duration interval) {
        timer.scheduleAtFixedRate(this::scrapeOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Stops scraping (one last scrape first, so the end of the run is covered) and returns what was collected. */
    public Scrapes stop() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scrapeOnce();
        synchronized (this) {
            return new Scrapes(url.toString(), List.copyOf(snapshots), failures);
        }
    }

    private void scrapeOnce() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                fail();
                return;
            }
            ServerSnapshot snapshot = ServerSnapshot.from(PrometheusText.parse(response.body()).samples());
            synchronized (this) {
                snapshots.add(new TimedSnapshot(Instant.now(), snapshot));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            fail();
        }
    }

    private synchronized void fail() {
        failures++;
    }

    /** One scrape's values and when they were taken. */
    public record TimedSnapshot(Instant at, ServerSnapshot snapshot) {
    }

    /** Everything one scraper collected. */
    public record Scrapes(String source, List<TimedSnapshot> snapshots, int failures) {
    }
}
