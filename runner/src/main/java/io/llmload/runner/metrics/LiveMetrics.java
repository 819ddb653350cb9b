package io.llmload.runner.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The run as Prometheus sees it while it goes on (docs/metrics.md#live-metrics): requests, errors by class, tokens and
 * TTFT/ITL/E2E histograms per stage × request type, and requests in flight — Micrometer meters in one registry.
 *
 * <p>Recorded by the engine on its control loop, right where {@link MetricsCollector} records the same request, so
 * both count exactly the same things (first attempts; retries apart; interrupted requests neither successes nor
 * errors). Each cell's meters are looked up once and kept in an array, so a request costs a few uncontended atomic
 * updates and no allocation, tag building or map lookup. Latencies use classic Prometheus buckets whose bounds sit
 * on typical LLM SLO targets (see {@link #TTFT_BUCKETS}): {@code histogram_quantile} interpolates inside a bucket,
 * so a bound at the target makes "is p95 under 500 ms" exact, and a fixed, small bucket count keeps the series per
 * cell bounded (native histograms would need Prometheus' protobuf scrape and a feature flag).
 */
public final class LiveMetrics {

    /** Records nothing: runs without a metrics endpoint. */
    public static final LiveMetrics NONE = new LiveMetrics(null, "");

    /** Time to first token and end-to-end latency: 10 ms (a cache hit) to 2 min (a long generation). */
    static final Duration[] TTFT_BUCKETS = millis(10, 25, 50, 100, 200, 300, 500, 750, 1_000, 2_000, 5_000, 10_000,
            30_000, 60_000, 120_000);
    /** Inter-token latency: 1 ms (a tiny model) to 1 s (a preempted sequence), dense around 10-100 ms. */
    static final Duration[] ITL_BUCKETS = millis(1, 2, 5, 10, 15, 20, 30, 40, 50, 75, 100, 150, 250, 500, 1_000);

    private final MeterRegistry registry;
    private final String test;
    private volatile int inFlight;

    /** @param test the test's name, the {@code test} label of every meter */
    public LiveMetrics(MeterRegistry registry, String test) {
        this.registry = registry;
        this.test = test;
        if (registry != null) {
            Gauge.builder("llmload.requests.in.flight", this, m -> m.inFlight).tag("test", test)
                    .description("Requests sent and not yet answered (all stages and request types)")
                    .register(registry);
        }
    }

    /** Attempts on the wire now; called by the engine's control loop whenever it changes. */
    public void inFlight(int attempts) {
        inFlight = attempts;
    }

    /**
     * The meters of one run's grid: {@code rowStages.get(r)} is the stage of metrics row r (a ramp's windows are
     * rows of one stage, so they share its meters), {@code types} the request types (cells) in index order.
     */
    public Grid grid(List<String> rowStages, List<String> types) {
        return new Grid(rowStages, types);
    }

    /** Per stage × request type meters, created on a cell's first request. Confined to the engine's control loop. */
    public final class Grid {
        private final List<String> rowStages;
        private final List<String> types;
        private final Map<String, Integer> stageIndex;
        private final Cell[][] cells;
        private final int[] stageOfRow;

        private Grid(List<String> rowStages, List<String> types) {
            this.rowStages = List.copyOf(rowStages);
            this.types = List.copyOf(types);
            this.stageIndex = new LinkedHashMap<>();
            this.stageOfRow = new int[rowStages.size()];
            for (int r = 0; r < rowStages.size(); r++) {
                Integer known = stageIndex.putIfAbsent(rowStages.get(r), stageIndex.size());
                stageOfRow[r] = known == null ? stageIndex.size() - 1 : known;
            }
            this.cells = new Cell[stageIndex.size()][types.size()];
        }

        /** A first attempt that ended, in metrics row {@code row} (as {@link MetricsCollector#record}). */
        public void record(int row, RequestTrace trace) {
            if (registry != null) {
                cell(row, trace.typeIndex()).record(trace);
            }
        }

        /** A retry attempt that ended: counted apart, like the report's retries. */
        public void recordRetryAttempt(int row, RequestTrace attempt) {
            if (registry != null) {
                cell(row, attempt.typeIndex()).retries.increment();
            }
        }

        private Cell cell(int row, int type) {
            int stage = stageOfRow[row];
            Cell cell = cells[stage][type];
            if (cell == null) {
                cell = new Cell(Tags.of("test", test, "stage", rowStages.get(row), "type", types.get(type)));
                cells[stage][type] = cell;
            }
            return cell;
        }
    }

    /** One stage × request type's meters. */
    private final class Cell {
        private final Counter requests;
        private final Counter interrupted;
        private final Counter retries;
        private final Map<ErrorClass, Counter> errors = new EnumMap<>(ErrorClass.class);
        private final Counter inputTokens;
        private final Counter outputTokens;
        private final Timer ttft;
        private final Timer itl;
        private final Timer e2e;

        Cell(Tags tags) {
            requests = counter("llmload.requests", "Requests that ended, successes and errors (first attempts)",
                    tags);
            interrupted = counter("llmload.requests.interrupted",
                    "Requests cut by the end of the test or an abort: neither successes nor errors", tags);
            retries = counter("llmload.retry.attempts", "Retry attempts that ended (any outcome)", tags);
            for (ErrorClass error : ErrorClass.values()) {
                errors.put(error, counter("llmload.request.errors", "Failed requests by error class",
                        tags.and("class", error.key())));
            }
            inputTokens = counter("llmload.input.tokens", "Prompt tokens of successful requests", tags);
            outputTokens = counter("llmload.output.tokens", "Output tokens of successful requests", tags);
            ttft = timer("llmload.ttft", "Time to first token, from the intended send time (streamed successes)",
                    TTFT_BUCKETS, tags);
            itl = timer("llmload.itl", "Inter-token latency, once per output token after the first", ITL_BUCKETS,
                    tags);
            e2e = timer("llmload.e2e", "End-to-end latency, from the intended send time to the last byte",
                    TTFT_BUCKETS, tags);
        }

        void record(RequestTrace trace) {
            if (trace.interrupted()) {
                interrupted.increment();
                return;
            }
            requests.increment();
            if (trace.error() != null) {
                errors.get(trace.error()).increment();
                return;
            }
            inputTokens.increment(trace.inputTokens());
            outputTokens.increment(trace.outputTokens());
            long intended = trace.intendedNanos();
            record(e2e, trace.endNanos() - intended);
            if (trace.streamed() && trace.chunks() > 0) {
                record(ttft, trace.firstTokenNanos() - intended);
                recordItl(trace);
            }
        }

        /** Like the report's ITL (the same {@link ChunkTokens#tokenGaps}): one observation per token. */
        private void recordItl(RequestTrace trace) {
            ChunkTokens.tokenGaps(trace, (gap, count) -> {
                for (int t = 0; t < count; t++) {
                    record(itl, gap);
                }
            });
        }

        /**
         * As {@link Histograms#recordNanos}: a slightly negative duration (clocks read on different threads) counts
         * as 0 — Micrometer would drop it, and the histogram's count would no longer be the successes'.
         */
        private static void record(Timer timer, long nanos) {
            timer.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        }

        private Counter counter(String name, String description, Tags tags) {
            return Counter.builder(name).description(description).tags(tags).register(registry);
        }

        private Timer timer(String name, String description, Duration[] buckets, Tags tags) {
            return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(buckets)
                    .register(registry);
        }
    }

    private static Duration[] millis(long... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofMillis(values[i]);
        }
        return durations;
    }
}
