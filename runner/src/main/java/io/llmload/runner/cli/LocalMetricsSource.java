package io.llmload.runner.cli;

import io.llmload.runner.servermetrics.PrometheusQueries;
import io.llmload.runner.servermetrics.PrometheusSource;
import io.llmload.runner.servermetrics.ScrapeEndpoint;
import io.llmload.runner.servermetrics.ServerMetricsSource;
import io.llmload.runner.servermetrics.ServerScraper;
import io.llmload.runner.spec.Durations;
import io.llmload.runner.spec.MetricsSourceSpec;
import io.llmload.runner.target.TargetConnection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where {@code llmload run} reads the server's metrics, from {@code spec.target.metrics} and the command line: the
 * target's {@code /metrics} (NIM: {@code /v1/metrics}) or {@code url}, plus {@code dcgm.url}; or a Prometheus
 * server at the end. Pods cannot be listed here; selectors that only the operator can use are named in a notice.
 */
final class LocalMetricsSource {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    private LocalMetricsSource() {
    }

    /** spec.target.metrics.interval, else 5 s. */
    static Duration interval(MetricsSourceSpec spec) {
        return Durations.parseOr(MetricsSourceSpec.orDefaults(spec).interval(), DEFAULT_INTERVAL);
    }

    /**
     * The source for this run, not started; null when server metrics are off ({@code --scrape-interval off} or
     * {@code source: none}).
     *
     * @param intervalOverride {@code --scrape-interval}, or null to use the spec's interval (default 5 s)
     * @param off whether {@code --scrape-interval off} was given
     */
    static ServerMetricsSource create(MetricsSourceSpec spec, URI targetBase, Duration intervalOverride, boolean off,
            Consumer<String> notice) {
        return create(spec, targetBase, null, intervalOverride, off, notice);
    }

    /**
     * @param connection the target's TLS, proxy and headers, used for endpoints on the target's own server (null:
     *     plain requests)
     */
    static ServerMetricsSource create(MetricsSourceSpec spec, URI targetBase, TargetConnection connection,
            Duration intervalOverride, boolean off, Consumer<String> notice) {
        MetricsSourceSpec m = MetricsSourceSpec.orDefaults(spec);
        String source = m.effectiveSource(false);
        if (off || MetricsSourceSpec.NONE.equals(source)) {
            return null;
        }
        Duration interval = intervalOverride != null ? intervalOverride : interval(m);
        if (MetricsSourceSpec.PROMETHEUS.equals(source)) {
            return PrometheusSource.standalone(URI.create(m.prometheusUrl().trim()), PrometheusQueries.of(m),
                    interval);
        }
        if (m.podSelector() != null) {
            notice.accept("spec.target.metrics.podSelector: pods are listed only by the operator; the CLI scrapes "
                    + (m.url() != null ? m.url() : "the target"));
        }
        List<ScrapeEndpoint> endpoints = new ArrayList<>();
        URI metricsUrl = m.url() != null ? URI.create(m.url().trim()) : URI.create(targetBase + "/metrics");
        boolean sameServer = connection != null && connection.sameServer(metricsUrl);
        endpoints.add(m.url() != null
                ? new ScrapeEndpoint("target", List.of(metricsUrl), sameServer ? connection : null)
                : new ScrapeEndpoint("target", List.of(metricsUrl, URI.create(targetBase + "/v1/metrics")),
                        sameServer ? connection : null));
        MetricsSourceSpec.DcgmSpec dcgm = m.dcgm();
        if (dcgm != null && dcgm.url() != null) {
            endpoints.add(ScrapeEndpoint.of("dcgm", URI.create(dcgm.url().trim())));
        } else if (dcgm != null && dcgm.podSelector() != null) {
            notice.accept("spec.target.metrics.dcgm.podSelector: pods are listed only by the operator; set dcgm.url "
                    + "to read GPU metrics from the CLI");
        }
        List<ScrapeEndpoint> fixed = List.copyOf(endpoints);
        return new ServerScraper(null, interval, () -> fixed);
    }
}
