package io.llmload.operator.observe;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.events.EventRecorder;
import io.llmload.operator.validation.AccessChecks;
import io.llmload.operator.validation.AccessPolicy;
import io.llmload.runner.report.RunData;
import io.llmload.runner.servermetrics.PrometheusSource;
import io.llmload.runner.servermetrics.ServerMetricsSource;
import io.llmload.runner.servermetrics.ServerReport;
import io.llmload.runner.servermetrics.ServerReportBuilder;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The server metrics of every running test, collected from the operator process ({@link ClusterMetricsSources}) and
 * kept in memory until the test ends, when they become the report's {@code server} section. Lost on an operator
 * restart (scraping resumes from then on): they enrich the results, the test does not depend on them.
 */
@ApplicationScoped
public class ServerMetricsWatch {

    private static final Logger LOG = Logger.getLogger(ServerMetricsWatch.class);

    /** How long a finished test's section is kept, so a reconcile that is retried after finishing still has it. */
    static final Duration KEEP_FINISHED = Duration.ofMinutes(10);

    private final Vertx vertx;
    private final EventRecorder events;
    /** Per running test; empty for a test with source none. */
    private final Map<String, Optional<ServerMetricsSource>> sources = new ConcurrentHashMap<>();
    /** Per recently finished test, its section (null report: none). */
    private final Map<String, Finished> finished = new ConcurrentHashMap<>();

    private record Finished(ServerReport report, Instant at) {
    }

    public ServerMetricsWatch(Vertx vertx, EventRecorder events) {
        this.vertx = vertx;
        this.events = events;
    }

    /** Starts collecting for a running test, unless already collecting (idempotent: called at every poll). */
    public void ensureStarted(LlmLoadTest test, KubernetesClient client) {
        sources.computeIfAbsent(key(test), k -> {
            finished.remove(k); // a re-run: the previous run's section is not this one's
            AccessPolicy policy = AccessPolicy.current();
            AccessChecks.implicitTargetRefusal(test, policy)
                    .ifPresent(why -> events.normal(client, test, "ServerMetricsSkipped", why));
            try {
                return Optional.ofNullable(ClusterMetricsSources.create(test, client, vertx, policy))
                        .map(ServerMetricsSource::start);
            } catch (RuntimeException e) {
                LOG.warnf("server metrics of %s not collected: %s", k, e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** Stops collecting and summarizes over the run's stages; null without metrics. Blocking (Prometheus). */
    public ServerReport finish(LlmLoadTest test, KubernetesClient client, RunData data) {
        Instant now = Instant.now();
        finished.values().removeIf(f -> f.at().isBefore(now.minus(KEEP_FINISHED)));
        Finished done = finished.get(key(test));
        if (done != null) {
            return done.report();
        }
        ServerReport report = collect(test, client, data);
        finished.put(key(test), new Finished(report, now));
        return report;
    }

    private ServerReport collect(LlmLoadTest test, KubernetesClient client, RunData data) {
        Optional<ServerMetricsSource> source = sources.remove(key(test));
        try {
            if (source == null) {
                // Not collected by this operator process (it restarted at the very end): Prometheus still has it all.
                source = Optional.ofNullable(ClusterMetricsSources.create(test, client, vertx,
                        AccessPolicy.current()))
                        .filter(PrometheusSource.class::isInstance);
            }
            if (source.isEmpty()) {
                return null;
            }
            return ServerReportBuilder.build(source.get().finish(Instant.parse(data.startTime()),
                    Instant.parse(data.endTime())), data);
        } catch (RuntimeException e) {
            LOG.warnf("server metrics of %s dropped: %s", key(test), e.getMessage());
            return null;
        }
    }

    /** The test ended without results, or was deleted. */
    public void discard(LlmLoadTest test) {
        finished.remove(key(test));
        Optional<ServerMetricsSource> source = sources.remove(key(test));
        if (source != null) {
            source.ifPresent(ServerMetricsSource::discard);
        }
    }

    @PreDestroy
    void close() {
        sources.values().forEach(s -> s.ifPresent(ServerMetricsSource::discard));
        sources.clear();
    }

    private static String key(LlmLoadTest test) {
        return test.getMetadata().getNamespace() + "/" + test.getMetadata().getName() + "/"
                + test.getMetadata().getUid();
    }
}
