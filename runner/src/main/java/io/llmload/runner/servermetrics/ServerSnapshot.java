package io.llmload.runner.servermetrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The {@link ServerMetric}s of one scrape, which may be several pods' or GPUs' samples concatenated. A metric the
 * servers do not expose is absent, not zero. Counters are the servers' lifetime totals; rates come from the
 * difference of two snapshots.
 */
public final class ServerSnapshot {

    private final Map<ServerMetric, Reading> readings;

    private ServerSnapshot(Map<ServerMetric, Reading> readings) {
        this.readings = Collections.unmodifiableMap(readings);
    }

    public static ServerSnapshot from(List<Sample> samples) {
        Map<ServerMetric, Reading> readings = new EnumMap<>(ServerMetric.class);
        for (ServerMetric metric : ServerMetric.values()) {
            double[] values = values(metric, samples);
            if (values.length > 0) {
                readings.put(metric, Reading.of(metric.aggregation(), values));
            }
        }
        return new ServerSnapshot(readings);
    }

    /**
     * The values of the metric's series. Where one label set appears under several names (vLLM exposing both KV
     * cache gauges, say) only the best-ranked name counts, so an alias is not counted twice; the same name twice
     * with the same labels is two pods and both count. NaN means "no value" and is left out.
     */
    private static double[] values(ServerMetric metric, List<Sample> samples) {
        Map<Map<String, String>, Integer> bestRank = new HashMap<>();
        for (Sample s : samples) {
            int rank = metric.rank(s.name());
            if (rank >= 0) {
                bestRank.merge(s.labels(), rank, Math::min);
            }
        }
        List<Double> values = new ArrayList<>();
        for (Sample s : samples) {
            int rank = metric.rank(s.name());
            if (rank >= 0 && rank == bestRank.get(s.labels()) && !Double.isNaN(s.value())) {
                values.add(s.value());
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public Optional<Reading> reading(ServerMetric metric) {
        return Optional.ofNullable(readings.get(metric));
    }

    /** The headline value (max, sum or per-GPU mean, as the metric aggregates). */
    public OptionalDouble value(ServerMetric metric) {
        Reading r = readings.get(metric);
        return r == null ? OptionalDouble.empty() : OptionalDouble.of(r.value());
    }

    public boolean has(ServerMetric metric) {
        return readings.containsKey(metric);
    }

    /** Every metric present, in enum order. */
    public Map<ServerMetric, Reading> readings() {
        return readings;
    }

    @Override
    public String toString() {
        return "ServerSnapshot" + readings;
    }
}
