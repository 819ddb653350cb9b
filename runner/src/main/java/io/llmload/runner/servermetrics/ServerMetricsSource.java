package io.llmload.runner.servermetrics;

import java.time.Instant;

/**
 * Where a run's server metrics come from: scraped while the run goes on ({@link ServerScraper}) or asked of a
 * Prometheus server once it is over ({@link PrometheusSource}). Either way the result is the same timed snapshots,
 * so {@link ServerReportBuilder} builds the same report.
 */
public interface ServerMetricsSource {

    /** Starts collecting (a no-op for sources read at the end). */
    ServerMetricsSource start();

    /**
     * Stops and returns what was collected for the run window. Blocking: never call it on an event loop.
     *
     * @param from when the run started
     * @param to when it ended
     */
    Scrapes finish(Instant from, Instant to);

    /** Stops without a result (the test was deleted); best effort, never throws. */
    default void discard() {
    }
}
