package io.llmload.runner.servermetrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * report.json {@code server}: what the inference server reported about itself during the run, per measured stage
 * (gauges: mean and max over the scrapes inside the stage; counters: the increase during the stage), and the
 * alerts those values raise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerReport(String source, int scrapes, int failedScrapes, List<Stage> stages, List<Alert> alerts) {

    /** One stage's server metrics, keyed like kvCacheUsage, waiting, preemptions, gpuUtil. */
    public record Stage(String name, Map<String, Summary> metrics) {
    }

    /** Gauges carry mean and max; counters carry the increase during the stage. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(Double mean, Double max, Double increase, String unit) {
    }

    /** A seed-001 warning sign seen in a stage, e.g. KV cache above 80 %. */
    public record Alert(String stage, String metric, double observed, double threshold, String message) {
    }
}
