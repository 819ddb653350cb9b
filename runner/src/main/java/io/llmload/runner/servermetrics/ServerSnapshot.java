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
    /** Counters series by series (labels → value), so their growth can be followed per pod. */
    private final Map<ServerMetric, Map<Map<String, String>, Double>> counterSeries;

    private ServerSnapshot(Map<ServerMetric, Reading> readings,
            Map<ServerMetric, Map<Map<String, String>, Double>> counterSeries) {
        this.readings = Collections.unmodifiableMap(readings);
        this.counterSeries = Collections.unmodifiableMap(counterSeries);
    }

    public static ServerSnapshot from(List<Sample> samples) {
        Map<ServerMetric, Reading> readings = new EnumMap<>(ServerMetric.class);
        Map<ServerMetric, Map<Map<String, String>, Double>> counters = new EnumMap<>(ServerMetric.class);
        for (ServerMetric metric : ServerMetric.values()) {
            List<Sample> series = series(metric, samples);
            if (!series.isEmpty()) {
                readings.put(metric, Reading.of(metric.aggregation(),
                        series.stream().mapToDouble(Sample::value).toArray()));
            }
            if (metric.kind() == ServerMetric.Kind.COUNTER && !series.isEmpty()) {
                Map<Map<String, String>, Double> byLabels = new HashMap<>();
                series.forEach(s -> byLabels.merge(s.labels(), s.value(), Double::sum));
                counters.put(metric, Collections.unmodifiableMap(byLabels));
            }
        }
        return new ServerSnapshot(readings, counters);
    }

    /**
     * The samples of the metric's series. Where one label set appears under several names (vLLM exposing both KV
     * cache gauges, say) only the best-ranked name counts, so an alias is not counted twice; the same name twice
     * with the same labels is two pods and both count. NaN means "no value" and is left out.
     */
    private static List<Sample> series(ServerMetric metric, List<Sample> samples) {
        Map<Map<String, String>, Integer> bestRank = new HashMap<>();
        for (Sample s : samples) {
            int rank = metric.rank(s.name());
            if (rank >= 0) {
                bestRank.merge(s.labels(), rank, Math::min);
            }
        }
        List<Sample> series = new ArrayList<>();
        for (Sample s : samples) {
            int rank = metric.rank(s.name());
            if (rank >= 0 && rank == bestRank.get(s.labels()) && !Double.isNaN(s.value())) {
                series.add(s);
            }
        }
        return series;
    }

    /** A counter's value per series (by labels); empty for gauges and for counters this snapshot lacks. */
    public Map<Map<String, String>, Double> counterSeries(ServerMetric metric) {
        return counterSeries.getOrDefault(metric, Map.of());
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
