package io.llmload.runner.bench;

import io.llmload.runner.metrics.CellRow;
import io.llmload.runner.metrics.GoodputThresholds;
import io.llmload.runner.metrics.LiveMetrics;
import io.llmload.runner.metrics.MetricsCollector;
import io.llmload.runner.metrics.MetricsEndpoint;
import io.llmload.runner.metrics.RequestTrace;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What live metrics add to the engine's recording of a finished request, measured side by side in one JVM on one
 * thread (as the control loop does it): the same streamed traces recorded into the {@link MetricsCollector} alone,
 * and into the collector plus {@link LiveMetrics}, alternating rounds so that machine load hits both alike.
 * Usage: {@code bench/live-metrics.sh [TOKENS_PER_STREAM]} (default 16, the engine bench's stream).
 */
public final class LiveMetricsBench {

    private static final int TRACES = 20_000;
    private static final int ROUNDS = 12;

    private LiveMetricsBench() {
    }

    public static void main(String[] args) {
        int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        RequestTrace[] traces = new RequestTrace[TRACES];
        for (int i = 0; i < TRACES; i++) {
            traces[i] = trace(i, tokens);
        }
        List<String> stages = List.of("warmup", "measured");
        List<CellRow> rows = stages.stream().map(CellRow::of).toList();
        List<String> types = List.of("chat", "rag");
        LiveMetrics live = new MetricsEndpoint().liveMetrics("bench");
        LiveMetrics.Grid grid = live.grid(stages, types);
        long[] without = new long[ROUNDS];
        long[] with = new long[ROUNDS];
        for (int round = -3; round < ROUNDS; round++) {
            // Rounds below 0 warm the JIT up and are not counted.
            MetricsCollector alone = new MetricsCollector(rows, types, Set.of(), GoodputThresholds.NONE);
            long t0 = System.nanoTime();
            for (RequestTrace trace : traces) {
                alone.record(1, trace);
            }
            long t1 = System.nanoTime();
            MetricsCollector beside = new MetricsCollector(rows, types, Set.of(), GoodputThresholds.NONE);
            for (RequestTrace trace : traces) {
                beside.record(1, trace);
                grid.record(1, trace);
            }
            long t2 = System.nanoTime();
            if (round >= 0) {
                without[round] = t1 - t0;
                with[round] = t2 - t1;
            }
        }
        java.util.Arrays.sort(without);
        java.util.Arrays.sort(with);
        double base = without[ROUNDS / 2] / (double) TRACES;
        double both = with[ROUNDS / 2] / (double) TRACES;
        System.out.printf(Locale.ROOT, "%d-token streams, median of %d rounds of %,d requests: collector alone "
                + "%.0f ns/request, collector + live metrics %.0f ns/request (+%.0f ns, x%.2f; %.1f ns per token)%n",
                tokens, ROUNDS, TRACES, base, both, both - base, both / base, (both - base) / tokens);
    }

    private static RequestTrace trace(int i, int tokens) {
        long intended = 1_000_000_000L + i * 1_000_000L;
        RequestTrace trace = new RequestTrace("r" + i, i % 2, intended, true, 64);
        trace.sent(intended + 200_000);
        long t = intended + 30_000_000L + (i % 97) * 100_000L;
        for (int k = 0; k < tokens; k++) {
            trace.content(t, 1);
            t += 7_000_000L + (k % 5) * 300_000L;
        }
        trace.usage(64, tokens);
        trace.succeeded(t);
        return trace;
    }
}
