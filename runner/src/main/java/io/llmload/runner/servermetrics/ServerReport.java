package io.llmload.runner.servermetrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * report.json {@code server}: what the inference server reported about itself during the run, per measured stage
 * (gauges: mean and max over the scrapes inside the stage; counters: the increase during the stage; derived: the
 * prefix-cache hit rate and the server-side token rates), the same over all measured stages ({@code overall}), a
 * timeline of the gauges for charts, and the alerts those values raise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerReport(String source, int scrapes, int failedScrapes, Stage overall, List<Stage> stages,
        List<Alert> alerts, List<Point> timeline) {

    /**
     * One stage's server metrics, keyed like kvCacheUsage, waiting, preemptions, gpuUtil.
     *
     * @param prefixCacheHitRate prefix-cache hits / queries (tokens) during the stage, null without queries
     * @param promptTokensPerSecond prompt tokens the server processed per second (its counter's increase)
     * @param generationTokensPerSecond tokens the server generated per second
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Stage(String name, Map<String, Summary> metrics, Double prefixCacheHitRate,
            Double promptTokensPerSecond, Double generationTokensPerSecond) {
    }

    /** Gauges carry mean and max; counters carry the increase during the stage. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(Double mean, Double max, Double increase, String unit) {
    }

    /** A seed-001 warning sign seen in a stage, e.g. KV cache above 80 %. */
    public record Alert(String stage, String metric, double observed, double threshold, String message) {
    }

    /**
     * One scrape: seconds since the run's start, the stage it fell in, each gauge's headline value, and the token
     * rates since the previous scrape.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Point(double offsetSeconds, String stage, Map<String, Double> values) {
    }

    /** The same report without its timeline (where space is short: a ConfigMap). */
    public ServerReport withoutTimeline() {
        return new ServerReport(source, scrapes, failedScrapes, overall, stages, alerts, null);
    }
}
