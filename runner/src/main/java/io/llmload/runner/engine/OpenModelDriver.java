package io.llmload.runner.engine;

import io.llmload.runner.plan.FireTimeSequence;

/**
 * Open model: requests fire at precomputed intended times whatever the server does. Each tick sends every request
 * that is due, with its <em>intended</em> time, then sleeps until the next one on the engine's clock; a late timer
 * makes send lag, never a shorter latency, and no request leaves before its time (one sent early would measure a
 * latency shorter than the server's).
 */
final class OpenModelDriver implements LoadDriver {

    private final EngineClock.LoopTimer timer;
    private final FireTimeSequence fireTimes;
    private final RequestLauncher launcher;
    private long nextOffset;
    private boolean stopped;

    OpenModelDriver(EngineClock.LoopTimer timer, FireTimeSequence fireTimes, RequestLauncher launcher) {
        this.timer = timer;
        this.fireTimes = fireTimes;
        this.launcher = launcher;
    }

    @Override
    public void start() {
        nextOffset = fireTimes.nextFireTimeNanos();
        tick();
    }

    @Override
    public void stop() {
        stopped = true;
    }

    private void tick() {
        if (stopped) {
            return;
        }
        long now = launcher.offsetNanos();
        while (nextOffset >= 0 && nextOffset <= now) {
            launcher.launch(launcher.startNanos() + nextOffset, null);
            nextOffset = fireTimes.nextFireTimeNanos();
        }
        if (nextOffset < 0) {
            return;
        }
        timer.at(launcher.startNanos() + nextOffset, this::tick);
    }
}
