package io.llmload.runner.servermetrics;

import java.util.List;

/**
 * Everything one source collected during a run, oldest first.
 *
 * @param source where the values came from, as the report shows it (URLs, pod selector, Prometheus)
 * @param failures endpoint scrapes (or Prometheus queries) that failed
 */
public record Scrapes(String source, List<TimedSnapshot> snapshots, int failures) {

    public Scrapes {
        snapshots = List.copyOf(snapshots);
    }
}
