package io.llmload.operator.autoscaling;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.runner.autoscaling.ReplicaTimeline;
import io.llmload.runner.spec.AutoscalingSpec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The replica timeline of every running test with spec.autoscaling, recorded from informers on its workload and
 * autoscaler ({@link ClusterReplicaSource}) and kept in memory until the test ends, when it goes into the shared
 * analysis. Like the server metrics, it is lost on an operator restart: recording resumes from then on.
 */
@ApplicationScoped
public class AutoscalingWatch {

    private static final Logger LOG = Logger.getLogger(AutoscalingWatch.class);

    /** How long a finished test's timeline is kept, so a reconcile retried after the end still has it. */
    static final Duration KEEP_FINISHED = Duration.ofMinutes(10);

    private final Clock clock = Clock.systemUTC();
    private final Map<String, ClusterReplicaSource> sources = new ConcurrentHashMap<>();
    private final Map<String, Finished> finished = new ConcurrentHashMap<>();

    private record Finished(ReplicaTimeline timeline, Instant at) {
    }

    /** Starts recording (idempotent: called at every poll from the start on); a no-op without spec.autoscaling. */
    public void ensureStarted(LlmLoadTest test, KubernetesClient client, AutoscalingSpec spec, Duration pollInterval) {
        if (spec == null || spec.target() == null) {
            return;
        }
        sources.computeIfAbsent(key(test), k -> {
            finished.remove(k); // a re-run: the previous run's timeline is not this one's
            return create(test, client, spec, pollInterval).start();
        });
    }

    /** A reading at this poll of a running test. */
    public void poll(LlmLoadTest test) {
        ClusterReplicaSource source = sources.get(key(test));
        if (source != null) {
            source.poll();
        }
    }

    /**
     * Stops recording and returns the timeline; null without spec.autoscaling. A test this operator process did not
     * record (it restarted at the very end) gets a timeline of one reading taken now.
     */
    public ReplicaTimeline finish(LlmLoadTest test, KubernetesClient client, AutoscalingSpec spec,
            Duration pollInterval, Instant from, Instant to) {
        if (spec == null || spec.target() == null) {
            return null;
        }
        Instant now = Instant.now(clock);
        finished.values().removeIf(f -> f.at().isBefore(now.minus(KEEP_FINISHED)));
        Finished done = finished.get(key(test));
        if (done != null) {
            return done.timeline();
        }
        ClusterReplicaSource source = sources.remove(key(test));
        try {
            if (source == null) {
                source = create(test, client, spec, pollInterval).start();
            }
            ReplicaTimeline timeline = source.finish(from, to);
            finished.put(key(test), new Finished(timeline, now));
            return timeline;
        } catch (RuntimeException e) {
            LOG.warnf("replica timeline of %s not read: %s", key(test), e.getMessage());
            return new ReplicaTimeline("informers (failed: " + e.getMessage() + ")", pollInterval,
                    List.of(), 1);
        }
    }

    /** The test ended without results, or was deleted. */
    public void discard(LlmLoadTest test) {
        finished.remove(key(test));
        ClusterReplicaSource source = sources.remove(key(test));
        if (source != null) {
            source.discard();
        }
    }

    @PreDestroy
    void close() {
        sources.values().forEach(ClusterReplicaSource::discard);
        sources.clear();
    }

    private ClusterReplicaSource create(LlmLoadTest test, KubernetesClient client, AutoscalingSpec spec,
            Duration pollInterval) {
        String namespace = ReplicaWatches.namespace(spec.target(), test.getMetadata().getNamespace());
        return new ClusterReplicaSource(ReplicaWatches.workload(client, spec.target(), namespace),
                spec.autoscaler() == null ? null : ReplicaWatches.autoscaler(client, spec.autoscaler(), namespace),
                pollInterval, clock);
    }

    private static String key(LlmLoadTest test) {
        return test.getMetadata().getNamespace() + "/" + test.getMetadata().getName() + "/"
                + test.getMetadata().getUid();
    }
}
