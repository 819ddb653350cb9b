package io.llmload.runner.servermetrics;

import java.util.HashMap;
import java.util.Map;

/**
 * Follows a counter over successive snapshots series by series (each pod's own counter, told apart by its labels),
 * as Prometheus' {@code increase()} does per series before summing: a series that went down was reset (its server
 * restarted) and counts from zero; a series seen for the first time counts from its first value; a series that
 * disappears (a pod scaled away) just stops adding. Summing pods first would read a pod leaving as a reset of the
 * total and count every other pod's lifetime again.
 */
final class CounterIncrease {

    private final ServerMetric metric;
    private final Map<Map<String, String>, Double> last = new HashMap<>();

    CounterIncrease(ServerMetric metric) {
        this.metric = metric;
    }

    /** Feeds the next snapshot and returns how much the counter grew since the ones before (0 for the first). */
    double next(ServerSnapshot snapshot) {
        double grew = 0;
        for (Map.Entry<Map<String, String>, Double> e : snapshot.counterSeries(metric).entrySet()) {
            Double before = last.put(e.getKey(), e.getValue());
            if (before != null) {
                grew += e.getValue() >= before ? e.getValue() - before : e.getValue();
            }
        }
        return grew;
    }
}
