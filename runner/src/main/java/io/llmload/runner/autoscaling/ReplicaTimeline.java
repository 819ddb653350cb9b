package io.llmload.runner.autoscaling;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * Everything a replica source collected during a run, oldest first.
 *
 * @param source where the samples came from, as the report shows it
 * @param pollInterval how often the source read (the precision of every latency derived from the samples); events
 *     between polls (informers) only make it finer
 * @param failures reads that failed (counted, never fatal)
 */
public record ReplicaTimeline(String source, Duration pollInterval, List<ReplicaSample> samples, int failures) {

    public ReplicaTimeline {
        samples = samples.stream().sorted(Comparator.comparing(ReplicaSample::at)).toList();
    }
}
