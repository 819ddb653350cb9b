package io.llmload.runner.autoscaling.source;

import io.llmload.runner.autoscaling.ReplicaSample;
import io.llmload.runner.autoscaling.ReplicaSource;
import io.llmload.runner.autoscaling.ReplicaTimeline;
import io.llmload.runner.servermetrics.Sample;
import io.llmload.runner.servermetrics.ServerScraper;
import io.llmload.runner.simulator.ReplicaGauges;
import io.llmload.runner.spec.Durations;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads the replica gauges of a metrics endpoint (the simulator's {@code /metrics} in autoscaling mode) at a fixed
 * interval on its own daemon thread, one {@link ReplicaSample} per read. A read that fails or finds no replica gauge
 * is counted, never fatal.
 */
public final class GaugeReplicaSource implements ReplicaSource {

    public static final String SOURCE = "gauges";

    private final URI url;
    private final Duration interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "llmload-replica-gauges");
        t.setDaemon(true);
        return t;
    });
    private final List<ReplicaSample> samples = new ArrayList<>();
    /** Only its HTTP client is used (its own scrape loop never starts): reads happen on this source's thread. */
    private final ServerScraper http;
    private int failures;

    public GaugeReplicaSource(URI metricsUrl, Duration interval) {
        this.url = metricsUrl;
        this.interval = interval;
        this.http = ServerScraper.of(metricsUrl, interval);
    }

    @Override
    public GaugeReplicaSource start() {
        timer.scheduleAtFixedRate(this::readOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Stops (one last read first, so the end of the run is covered) and returns the readings. */
    @Override
    public ReplicaTimeline finish(Instant from, Instant to) {
        halt();
        readOnce();
        http.discard();
        synchronized (this) {
            return new ReplicaTimeline("replica gauges of " + url + " every " + Durations.format(interval), interval,
                    List.copyOf(samples), failures);
        }
    }

    @Override
    public void discard() {
        halt();
        http.discard();
    }

    private void halt() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readOnce() {
        Optional<List<Sample>> scraped = http.readOnce(url);
        // Stamped when the answer is in: the gauges were rendered before, so a change is never dated too early.
        Instant at = Instant.now();
        ReplicaSample sample = scraped.map(s -> parse(at, s)).orElse(null);
        synchronized (this) {
            if (sample == null) {
                failures++;
            } else {
                samples.add(sample);
            }
        }
    }

    /** The replica gauges of one scrape (series of a gauge add up), or null when it has neither. */
    static ReplicaSample parse(Instant at, List<Sample> scraped) {
        Double desired = null;
        Double ready = null;
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Sample s : scraped) {
            if (Double.isNaN(s.value())) {
                continue;
            }
            switch (s.name()) {
                case ReplicaGauges.DESIRED -> desired = (desired == null ? 0 : desired) + s.value();
                case ReplicaGauges.READY -> ready = (ready == null ? 0 : ready) + s.value();
                case ReplicaGauges.AUTOSCALER_METRIC ->
                        metrics.put(s.labels().getOrDefault(ReplicaGauges.METRIC_LABEL, "metric"), s.value());
                default -> {
                }
            }
        }
        if (desired == null && ready == null) {
            return null;
        }
        return new ReplicaSample(at, round(desired), round(ready), null, metrics, SOURCE);
    }

    private static Integer round(Double value) {
        return value == null ? null : (int) Math.round(value);
    }
}
