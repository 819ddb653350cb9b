package io.llmload.runner.cli;

import io.llmload.runner.autoscaling.ReplicaSource;
import io.llmload.runner.autoscaling.source.GaugeReplicaSource;
import io.llmload.runner.autoscaling.source.PrometheusReplicaSource;
import io.llmload.runner.spec.AutoscalingSpec;
import io.llmload.runner.spec.Durations;
import java.net.URI;
import java.time.Duration;

/**
 * Where {@code llmload run} reads the replica timeline of {@code spec.autoscaling}: a Prometheus server when
 * {@code replicas.prometheus} is set, else the replica gauges of the target's {@code /metrics} (the embedded
 * simulator's in autoscaling mode, or {@code llmload simulate --max-replicas}).
 */
final class LocalReplicaSource {

    /** Compressed runs read no faster than this. */
    private static final long MIN_INTERVAL_MILLIS = 50;

    private LocalReplicaSource() {
    }

    /**
     * @param targetBase the target's base URL
     * @param metricsInterval the server metrics' interval (--scrape-interval or spec.target.metrics.interval), used
     *     when spec.autoscaling.replicas.interval is not set
     * @param pace how much faster than configured to read (the embedded simulator's --duration-scale)
     */
    static ReplicaSource create(AutoscalingSpec spec, URI targetBase, Duration metricsInterval, double pace) {
        AutoscalingSpec.ReplicaSourceSpec replicas = spec.replicas();
        Duration configured = replicas != null && replicas.interval() != null
                ? Durations.parseOr(replicas.interval(), metricsInterval) : metricsInterval;
        Duration interval = Duration.ofMillis(Math.max(MIN_INTERVAL_MILLIS, Math.round(configured.toMillis() * pace)));
        if (replicas != null && replicas.prometheus() != null) {
            AutoscalingSpec.PrometheusReplicas p = replicas.prometheus();
            return new PrometheusReplicaSource(URI.create(p.url().trim()), p.desired(), p.ready(), p.metrics(),
                    interval);
        }
        return new GaugeReplicaSource(URI.create(targetBase + "/metrics"), interval);
    }
}
