package io.llmload.runner.servermetrics;

import io.llmload.runner.target.TargetConnection;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
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
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Scrapes Prometheus endpoints at a fixed interval on its own daemon thread (never the engine's event loop) until
 * stopped; each tick's samples of all endpoints (the server's pods, DCGM exporters) make one snapshot. The endpoints
 * are asked for at every tick, so pods that come and go are followed (asking may block: a pod listing, hence the own
 * thread). A failed scrape is counted, never fatal: server metrics enrich a run, they must not break it.
 *
 * <p>HTTP goes through a Vert.x {@link WebClient}, like every other call llmload makes: on the caller's Vert.x (the
 * operator's) or, without one, on a one-thread Vert.x of its own, closed when the scraper stops.
 */
public final class ServerScraper implements ServerMetricsSource {

    /** Label added to every sample: which endpoint it came from. */
    public static final String ENDPOINT_LABEL = "llmload_endpoint";

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

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
    private final Map<String, WebClient> targetClients = new ConcurrentHashMap<>();
    private int failures;
    /** The caller's Vert.x, or null: the scraper then runs one of its own. */
    private final Vertx callerVertx;
    private Vertx ownVertx;
    private WebClient web;

    /**
     * @param description the report's source line (e.g. the pod selector), or null for the endpoints' URLs
     * @param endpoints what to scrape, asked for at every tick; may throw (a failed pod listing counts as a failure)
     */
    public ServerScraper(String description, Duration interval, Supplier<List<ScrapeEndpoint>> endpoints) {
        this(null, description, interval, endpoints);
    }

    /** A scraper whose HTTP calls run on {@code vertx} (null: a Vert.x of its own). */
    public ServerScraper(Vertx vertx, String description, Duration interval,
            Supplier<List<ScrapeEndpoint>> endpoints) {
        this.callerVertx = vertx;
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
        web(); // set up HTTP now, not in the first tick: that one must read the server as the run starts
        timer.scheduleAtFixedRate(this::scrapeOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Stops scraping (one last scrape first, so the end of the run is covered) and returns what was collected. */
    @Override
    public Scrapes finish(Instant from, Instant to) {
        return stop();
    }

    public Scrapes stop() {
        lastScrape();
        halt();
        closeHttp();
        synchronized (this) {
            return new Scrapes(description != null ? description : urls(), List.copyOf(snapshots), failures);
        }
    }

    @Override
    public void discard() {
        halt();
        closeHttp();
    }

    /** One more scrape, on the scraper's own thread: its HTTP waits never block the caller's (maybe Vert.x) thread. */
    private void lastScrape() {
        try {
            timer.submit(this::scrapeOnce).get(4 * TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException
                | java.util.concurrent.RejectedExecutionException e) {
            fail();
        }
    }

    private synchronized WebClient web() {
        if (web == null) {
            web = WebClient.create(vertx(), options());
        }
        return web;
    }

    /** A client that reaches the target's own server as the load does (TLS, proxy). */
    private synchronized WebClient newClient(TargetConnection connection) {
        WebClientOptions options = options();
        connection.applyTo(options);
        return WebClient.create(vertx(), options);
    }

    private synchronized Vertx vertx() {
        if (callerVertx != null) {
            return callerVertx;
        }
        if (ownVertx == null) {
            ownVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        }
        return ownVertx;
    }

    private static WebClientOptions options() {
        return new WebClientOptions().setConnectTimeout((int) TIMEOUT.toMillis()).setKeepAlive(true);
    }

    private synchronized void closeHttp() {
        if (web != null) {
            web.close();
            web = null;
        }
        targetClients.values().forEach(WebClient::close);
        targetClients.clear();
        if (ownVertx != null) {
            ownVertx.close();
            ownVertx = null;
        }
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
     * One read of a plain URL now, on the caller's thread (which must not be an event loop): the samples, or empty
     * when it did not answer with Prometheus text. For readers with a loop of their own (the replica gauges of
     * {@code autoscaling.source.GaugeReplicaSource}); {@link #discard} releases the HTTP client afterwards.
     */
    public Optional<List<Sample>> readOnce(URI url) {
        return fetch(ScrapeEndpoint.of("target", url), url);
    }

    /**
     * 200 with Prometheus text: its samples; anything else (404, an HTML page, a timeout): empty. Waits for the
     * answer on the scraper's own thread, never on an event loop. The target's own server is asked with the target's
     * TLS, proxy and headers.
     */
    private Optional<List<Sample>> fetch(ScrapeEndpoint endpoint, URI url) {
        try {
            TargetConnection connection = endpoint.connection();
            WebClient client = connection == null ? web() : targetClients.computeIfAbsent(endpoint.name(),
                    name -> newClient(connection));
            HttpRequest<Buffer> request = client.getAbs(url.toString()).timeout(TIMEOUT.toMillis());
            if (connection != null) {
                connection.headers().addTo(request::putHeader);
            }
            HttpResponse<Buffer> response = request.send()
                    .toCompletionStage().toCompletableFuture().get(2 * TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            String body = response.bodyAsString();
            PrometheusTextParser.Parsed parsed = PrometheusTextParser.parse(body == null ? "" : body);
            boolean unparseable = parsed.samples().isEmpty() && parsed.malformedLines() > 0;
            return unparseable ? Optional.empty() : Optional.of(parsed.samples());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (TimeoutException | RuntimeException | java.util.concurrent.ExecutionException e) {
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
