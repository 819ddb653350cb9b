package io.llmload.runner.servermetrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Scrapes Prometheus endpoints at a fixed interval on its own daemon thread (never the engine's event loop) until
 * stopped; each tick's samples of all endpoints (the server's pods, DCGM exporters) make one snapshot. The endpoints
 * are asked for at every tick, so pods that come and go are followed. A failed scrape is counted, never fatal:
 * server metrics enrich a run, they must not break it.
 */
public final class ServerScraper implements ServerMetricsSource {

    /** Label added to every sample: which endpoint it came from. */
    public static final String ENDPOINT_LABEL = "llmload_endpoint";

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /**
     * Shared by all scrapers (thread-safe): one selector thread however many tests run. HTTP/1.1: metrics endpoints
     * speak it, and the JDK's default h2c upgrade attempt can stall a first request against some servers.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    private final String description;
    private final Duration interval;
    private final Supplier<List<ScrapeEndpoint>> endpoints;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "llmload-server-scraper");
        t.setDaemon(true);
        return t;
    });
    /** Per endpoint name, the candidate URL that served metrics (so a NIM is not asked for /metrics every time). */
    private final Map<String, URI> chosen = new ConcurrentHashMap<>();
    /** Per endpoint name, its URLs in preference order, for the report's source line. */
    private final Map<String, URI> seen = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<TimedSnapshot> snapshots = new ArrayList<>();
    /** Per endpoint name, a client with the target's TLS and proxy (built once: a TLS context is costly). */
    private final Map<String, HttpClient> targetClients = new ConcurrentHashMap<>();
    private int failures;

    /**
     * @param description the report's source line (e.g. the pod selector), or null for the endpoints' URLs
     * @param endpoints what to scrape, asked for at every tick; may throw (a failed pod listing counts as a failure)
     */
    public ServerScraper(String description, Duration interval, Supplier<List<ScrapeEndpoint>> endpoints) {
        this.description = description;
        this.interval = interval;
        this.endpoints = endpoints;
    }

    /** Scrapes one fixed URL. */
    public static ServerScraper of(URI url, Duration interval) {
        List<ScrapeEndpoint> one = List.of(ScrapeEndpoint.of("target", url));
        return new ServerScraper(null, interval, () -> one);
    }

    @Override
    public ServerScraper start() {
        timer.scheduleAtFixedRate(this::scrapeOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Stops scraping (one last scrape first, so the end of the run is covered) and returns what was collected. */
    @Override
    public Scrapes finish(Instant from, Instant to) {
        return stop();
    }

    public Scrapes stop() {
        halt();
        scrapeOnce();
        synchronized (this) {
            return new Scrapes(description != null ? description : urls(), List.copyOf(snapshots), failures);
        }
    }

    @Override
    public void discard() {
        halt();
    }

    private void halt() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void scrapeOnce() {
        List<ScrapeEndpoint> list;
        try {
            list = endpoints.get();
        } catch (RuntimeException e) {
            fail();
            return;
        }
        if (list.isEmpty()) {
            fail(); // e.g. no pod matches the selector (yet)
            return;
        }
        List<Sample> samples = new ArrayList<>();
        boolean any = false;
        for (ScrapeEndpoint endpoint : list) {
            Optional<List<Sample>> scraped = scrape(endpoint);
            if (scraped.isEmpty()) {
                fail();
                continue;
            }
            any = true;
            scraped.get().forEach(s -> samples.add(s.withLabel(ENDPOINT_LABEL, endpoint.name())));
        }
        if (any) {
            TimedSnapshot snapshot = new TimedSnapshot(Instant.now(), ServerSnapshot.from(samples));
            synchronized (this) {
                snapshots.add(snapshot);
            }
        }
    }

    /**
     * The endpoint's samples: from the URL that served metrics before, else from the first candidate that serves
     * any server metric (that one is kept). Empty when it failed.
     */
    private Optional<List<Sample>> scrape(ScrapeEndpoint endpoint) {
        URI known = chosen.get(endpoint.name());
        if (known != null) {
            return fetch(endpoint, known);
        }
        seen.putIfAbsent(endpoint.name(), endpoint.candidates().get(0));
        for (URI candidate : endpoint.candidates()) {
            Optional<List<Sample>> samples = fetch(endpoint, candidate);
            if (samples.isPresent() && !ServerSnapshot.from(samples.get()).readings().isEmpty()) {
                chosen.put(endpoint.name(), candidate);
                return samples;
            }
        }
        return Optional.empty();
    }

    /**
     * 200 with Prometheus text: its samples; anything else (404, an HTML page, a timeout): empty. The target's own
     * server is asked with the target's TLS, proxy and headers.
     */
    private Optional<List<Sample>> fetch(ScrapeEndpoint endpoint, URI url) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET();
            HttpClient client = HTTP;
            if (endpoint.connection() != null) {
                client = targetClients.computeIfAbsent(endpoint.name(),
                        name -> endpoint.connection().jdkClient(TIMEOUT));
                endpoint.connection().decorate(request);
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            PrometheusText.Parsed parsed = PrometheusText.parse(response.body());
            boolean unparseable = parsed.samples().isEmpty() && parsed.malformedLines() > 0;
            return unparseable ? Optional.empty() : Optional.of(parsed.samples());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private synchronized void fail() {
        failures++;
    }

    /** The URLs scraped: the chosen candidate of each endpoint, else its first. */
    private String urls() {
        Map<String, URI> urls;
        synchronized (seen) {
            urls = new LinkedHashMap<>(seen);
        }
        urls.putAll(chosen);
        return urls.values().stream().map(URI::toString).distinct().reduce((a, b) -> a + ", " + b).orElse("");
    }
}
