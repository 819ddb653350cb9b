package io.llmload.runner.servermetrics;

import java.time.Instant;

/** One scrape's values (or one Prometheus query step's) and when they were taken. */
public record TimedSnapshot(Instant at, ServerSnapshot snapshot) {
}
