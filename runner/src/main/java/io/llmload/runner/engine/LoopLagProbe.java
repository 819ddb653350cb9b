package io.llmload.runner.engine;

import io.llmload.runner.metrics.Histograms;
import io.vertx.core.Context;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * How late one event loop runs what is handed to it: at every sample the {@link LoopLagSampler} hands the loop a
 * probe, which records how much later than the sample's due time it ran (µs). Whatever delays the probe — a long
 * task on the loop, GC, a CPU taken by other processes — delayed every timestamp and send on that loop too. A loop
 * kept busy for 30 ms records ~30 ms plus the samples it missed (back-filled as jHiccup does, a probe still waiting
 * is not handed over twice), so a stall weighs by its length rather than as one sample. The loop is the only writer
 * of its recorder and the control loop reads intervals from it: no lock.
 *
 * <p>Handed over rather than set as the loop's own timer: an idle NIO loop sleeps in its selector for whole
 * milliseconds, rounded up, so a timer probe on a loop woken by I/O between its ticks recorded the selector's rounding
 * (p50 0.51 ms at 100 req/s against the simulator, 0.17–0.21 ms handed over), which the report took for a slow
 * generator. A handed-over task wakes the loop at once.
 */
final class LoopLagProbe {

    private final Context context;
    private final SingleWriterRecorder recorder = new SingleWriterRecorder(Histograms.SIGNIFICANT_DIGITS);
    /** A probe handed over and not yet run: the loop is late by at least a period, already counted by back-fill. */
    private final AtomicBoolean waiting = new AtomicBoolean();

    LoopLagProbe(Context context) {
        this.context = context;
    }

    /** Hands the loop a probe due at {@code dueNanos} unless the last one is still waiting (from the clock). */
    void sample(long dueNanos, long periodNanos) {
        if (waiting.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                long lateMicros = Math.max(0, (System.nanoTime() - dueNanos) / 1_000);
                recorder.recordValueWithExpectedInterval(lateMicros, periodNanos / 1_000);
                waiting.set(false);
            });
        }
    }

    /** Lateness recorded since the last call, in µs (from any thread). */
    Histogram interval() {
        return recorder.getIntervalHistogram();
    }
}
