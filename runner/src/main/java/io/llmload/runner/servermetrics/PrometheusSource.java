package io.llmload.runner.servermetrics;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Server metrics from a Prometheus server, asked once the run is over: one {@code query_range} per metric over the
 * run window ({@link PrometheusQueries}), with the scrape interval as step. Points of the same step make one
 * snapshot, exactly as one scrape of every pod would, so the report is built the same way.
 */
public final class PrometheusSource implements ServerMetricsSource {

    /** Prometheus refuses a range query of more than 11,000 points per series: the step grows for long runs. */
    static final int MAX_POINTS = 10_000;

    private final Supplier<Vertx> vertx;
    private final boolean ownsVertx;
    private final URI prometheusUrl;
    private final Map<ServerMetric, String> queries;
    private final Duration step;

    /** Uses the caller's Vert.x (the operator's). */
    public PrometheusSource(Vertx vertx, URI prometheusUrl, Map<ServerMetric, String> queries, Duration step) {
        this(() -> vertx, false, prometheusUrl, queries, step);
    }

    private PrometheusSource(Supplier<Vertx> vertx, boolean ownsVertx, URI prometheusUrl,
            Map<ServerMetric, String> queries, Duration step) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.prometheusUrl = prometheusUrl;
        this.queries = Map.copyOf(queries);
        this.step = step;
    }

    /** Starts a Vert.x of its own for the queries and closes it afterwards (the CLI). */
    public static PrometheusSource standalone(URI prometheusUrl, Map<ServerMetric, String> queries, Duration step) {
        return new PrometheusSource(Vertx::vertx, true, prometheusUrl, queries, step);
    }

    @Override
    public PrometheusSource start() {
        return this; // nothing to do during the run: Prometheus keeps the series
    }

    @Override
    public Scrapes finish(Instant from, Instant to) {
        Vertx v = vertx.get();
        try (PrometheusClient client = new PrometheusClient(v, prometheusUrl)) {
            return collect(client, from, to);
        } finally {
            if (ownsVertx) {
                v.close();
            }
        }
    }

    private Scrapes collect(PrometheusClient client, Instant from, Instant to) {
        Duration effectiveStep = step(from, to, step);
        List<ServerMetric> metrics = new ArrayList<>(queries.keySet());
        List<Future<List<PrometheusClient.Series>>> answers = new ArrayList<>();
        for (ServerMetric metric : metrics) {
            answers.add(client.queryRange(queries.get(metric), from, to, effectiveStep));
        }
        // Each answer on its own: a failed query leaves its metric out, the others still count.
        Map<Instant, List<Sample>> byStep = new TreeMap<>();
        int failures = 0;
        for (int i = 0; i < metrics.size(); i++) {
            try {
                List<PrometheusClient.Series> series = answers.get(i).toCompletionStage().toCompletableFuture()
                        .get(PrometheusClient.TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
                addSamples(metrics.get(i), series, byStep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures++;
            } catch (Exception e) {
                failures++;
            }
        }
        List<TimedSnapshot> snapshots = new ArrayList<>();
        byStep.forEach((at, samples) -> snapshots.add(new TimedSnapshot(at, ServerSnapshot.from(samples))));
        return new Scrapes("prometheus " + prometheusUrl, snapshots, failures);
    }

    /** Each point becomes a sample named as its series ({@code __name__}), labelled as it. */
    private static void addSamples(ServerMetric metric, List<PrometheusClient.Series> series,
            Map<Instant, List<Sample>> byStep) {
        for (PrometheusClient.Series s : series) {
            Map<String, String> labels = new HashMap<>(s.labels());
            String name = labels.remove("__name__");
            String sampleName = name != null ? name : metric.names().get(0);
            for (PrometheusClient.Point p : s.points()) {
                byStep.computeIfAbsent(p.at(), t -> new ArrayList<>()).add(new Sample(sampleName, labels, p.value()));
            }
        }
    }

    /** The scrape interval, or longer when the run would need more than {@link #MAX_POINTS} steps. */
    public static Duration step(Instant from, Instant to, Duration interval) {
        long windowMillis = Math.max(0, Duration.between(from, to).toMillis());
        long minimum = (windowMillis + MAX_POINTS - 1) / MAX_POINTS;
        return Duration.ofMillis(Math.max(interval.toMillis(), Math.max(1_000, minimum)));
    }
}
