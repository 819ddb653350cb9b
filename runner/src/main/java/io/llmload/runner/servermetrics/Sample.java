package io.llmload.runner.servermetrics;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** One sample line of a Prometheus scrape; the timestamp, if any, is dropped (scrape time is what llmload uses). */
public record Sample(String name, Map<String, String> labels, double value) {

    public Sample {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
    }

    /**
     * The same sample with one more label, e.g. {@code pod}: the scraper tags each pod's samples before merging so
     * that series of different pods stay distinct.
     */
    public Sample withLabel(String labelName, String labelValue) {
        Map<String, String> more = new HashMap<>(labels);
        more.put(labelName, labelValue);
        return new Sample(name, more, value);
    }
}
