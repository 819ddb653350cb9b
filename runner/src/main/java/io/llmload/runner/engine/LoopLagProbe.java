package io.llmload.runner.engine;

import io.llmload.runner.metrics.Histograms;
import io.vertx.core.Context;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * How late one event loop runs its timers: a {@value #PERIOD_MILLIS} ms timer, re-armed at every tick, records how
 * much later than due it ran (µs). A loop kept busy for 30 ms records ~30 ms plus the ticks it missed (back-filled as
 * jHiccup does), so a stall weighs by its length rather than as one sample. Whatever delays the timer — a long task on the loop, GC, a
 * CPU taken by other processes — delayed every timestamp and send on that loop too. The loop is the only writer of
 * its recorder and the control loop reads intervals from it: no lock.
 *
 * <p>Re-armed rather than periodic: a fixed-rate timer's deadlines fall on a grid that the NIO selector's millisecond
 * timeouts keep missing by a growing fraction, which would show as ~0.5 ms of lag on an idle loop. Every
 * {@value #PERIOD_MILLIS} ms rather than every 1 ms (jHiccup's default): waking three idle loops a thousand times a
 * second cost ~9 % of a core on the 2-core development VM (wake-ups are dear there); at 5 ms about 3 %, and lateness
 * is still measured to the microsecond (a stall shorter than the period is caught with a probability of its share of
 * the period).
 */
final class LoopLagProbe {

    static final long PERIOD_MILLIS = 5;
    static final long PERIOD_NANOS = PERIOD_MILLIS * 1_000_000;

    private final Context context;
    private final SingleWriterRecorder recorder = new SingleWriterRecorder(Histograms.SIGNIFICANT_DIGITS);
    private long dueNanos;
    private long timer = -1;
    private boolean stopped;

    LoopLagProbe(Context context) {
        this.context = context;
    }

    void start() {
        context.runOnContext(v -> arm());
    }

    /** Stops ticking (asynchronously, on the probed loop). */
    void stop() {
        context.runOnContext(v -> {
            stopped = true;
            context.owner().cancelTimer(timer);
        });
    }

    /** Lateness recorded since the last call, in µs (from any thread). */
    Histogram interval() {
        return recorder.getIntervalHistogram();
    }

    private void arm() {
        if (stopped) {
            return;
        }
        dueNanos = System.nanoTime() + PERIOD_NANOS;
        timer = context.owner().setTimer(PERIOD_MILLIS, id -> tick());
    }

    private void tick() {
        long lateMicros = Math.max(0, (System.nanoTime() - dueNanos) / 1_000);
        recorder.recordValueWithExpectedInterval(lateMicros, PERIOD_NANOS / 1_000);
        arm();
    }
}
