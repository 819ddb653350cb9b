package io.llmload.runner.autoscaling.source;

import io.llmload.runner.autoscaling.ReplicaSample;
import io.llmload.runner.autoscaling.ReplicaSource;
import io.llmload.runner.autoscaling.ReplicaTimeline;
import io.llmload.runner.servermetrics.PrometheusClient;
import io.llmload.runner.servermetrics.PrometheusSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The replica timeline from a Prometheus server, asked once the run is over: one {@code query_range} each for the
 * desired and Ready replicas (e.g. kube-state-metrics' {@code kube_deployment_spec_replicas} and
 * {@code kube_deployment_status_replicas_ready}) and for every named autoscaler metric, over the run window with the
 * poll interval as step. Several series of one query add up; a failed query is counted and leaves its part out.
 */
public final class PrometheusReplicaSource implements ReplicaSource {

    public static final String SOURCE = "prometheus";
    private static final String DESIRED = "\u0000desired";
    private static final String READY = "\u0000ready";

    private final URI url;
    private final Map<String, String> queries;
    private final Duration step;

    /** @param metrics autoscaler metric queries by name (may be empty) */
    public PrometheusReplicaSource(URI url, String desired, String ready, Map<String, String> metrics, Duration step) {
        this.url = url;
        this.step = step;
        this.queries = new LinkedHashMap<>();
        queries.put(DESIRED, desired);
        queries.put(READY, ready);
        if (metrics != null) {
            queries.putAll(metrics);
        }
    }

    @Override
    public PrometheusReplicaSource start() {
        return this; // Prometheus keeps the series
    }

    @Override
    public ReplicaTimeline finish(Instant from, Instant to) {
        Vertx vertx = Vertx.vertx();
        try (PrometheusClient client = new PrometheusClient(vertx, url)) {
            return collect(client, from, to);
        } finally {
            vertx.close();
        }
    }

    private ReplicaTimeline collect(PrometheusClient client, Instant from, Instant to) {
        Map<String, Future<List<PrometheusClient.Series>>> answers = new LinkedHashMap<>();
        Duration effectiveStep = PrometheusSource.step(from, to, step);
        queries.forEach((name, promql) -> answers.put(name, client.queryRange(promql, from, to, effectiveStep)));
        Map<Instant, Map<String, Double>> byStep = new TreeMap<>();
        int failures = 0;
        for (Map.Entry<String, Future<List<PrometheusClient.Series>>> answer : answers.entrySet()) {
            try {
                List<PrometheusClient.Series> series = answer.getValue().toCompletionStage().toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                for (PrometheusClient.Series s : series) {
                    for (PrometheusClient.Point p : s.points()) {
                        if (!Double.isNaN(p.value())) {
                            byStep.computeIfAbsent(p.at(), t -> new LinkedHashMap<>()).merge(answer.getKey(),
                                    p.value(), Double::sum);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures++;
            } catch (Exception e) {
                failures++;
            }
        }
        List<ReplicaSample> samples = new ArrayList<>();
        byStep.forEach((at, values) -> {
            Double desired = values.remove(DESIRED);
            Double ready = values.remove(READY);
            if (desired != null || ready != null) {
                samples.add(new ReplicaSample(at, round(desired), round(ready), null, values, SOURCE));
            }
        });
        return new ReplicaTimeline("prometheus " + url, effectiveStep, samples, failures);
    }

    private static Integer round(Double value) {
        return value == null ? null : (int) Math.round(value);
    }
}
