package io.llmload.runner.engine;

import java.util.List;

/**
 * Samples every loop's lag on the engine's clock, every {@value #PERIOD_MILLIS} ms rather than every 1 ms (jHiccup's
 * default): waking three idle loops a thousand times a second cost ~9 % of a core on the 2-core development VM; at
 * 5 ms about 3 %, and lateness is still measured to the microsecond (a stall shorter than the period is caught with
 * a probability of its share of the period).
 */
final class LoopLagSampler {

    static final long PERIOD_MILLIS = 5;
    static final long PERIOD_NANOS = PERIOD_MILLIS * 1_000_000;

    private final List<LoopLagProbe> probes;
    private final EngineClock clock;
    private volatile boolean stopped;

    LoopLagSampler(List<LoopLagProbe> probes, EngineClock clock) {
        this.probes = List.copyOf(probes);
        this.clock = clock;
    }

    void start() {
        clock.at(System.nanoTime() + PERIOD_NANOS, this::sample);
    }

    void stop() {
        stopped = true;
    }

    /** On the clock's thread. */
    private void sample(long dueNanos) {
        if (stopped) {
            return;
        }
        probes.forEach(probe -> probe.sample(dueNanos, PERIOD_NANOS));
        // The clock itself held up (a CPU taken away) is not the loops' lag: sample on from now.
        long next = dueNanos + PERIOD_NANOS;
        clock.at(Math.max(next, System.nanoTime()), this::sample);
    }
}
