package io.llmload.runner.report;

/**
 * One interval of the run (normally one second): what completed in it, by intended send time's stage. Latency
 * percentiles here are of the interval alone, for charts; report percentiles come from whole-stage histograms.
 */
public record TimelinePoint(double offsetSeconds, String stage, double level, long requests, long errors,
        double requestsPerSecond, double outputTokensPerSecond, Double ttftP95Ms, Double e2eP95Ms, int inFlight) {
}
