package io.llmload.runner.engine;

import io.llmload.runner.plan.FireTimeSequence;
import io.vertx.core.Vertx;

/**
 * Open model: requests fire at precomputed intended times whatever the server does. Each tick sends every request
 * that is due, with its <em>intended</em> time, then sleeps until the next one; a late timer makes send lag, never
 * a shorter latency.
 */
final class OpenModelDriver implements LoadDriver {

    private final Vertx vertx;
    private final FireTimeSequence fireTimes;
    private final RequestLauncher launcher;
    private long nextOffset;
    private boolean stopped;

    OpenModelDriver(Vertx vertx, FireTimeSequence fireTimes, RequestLauncher launcher) {
        this.vertx = vertx;
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
        // Fire everything due within the next 0.5 ms: timers have millisecond resolution.
        while (nextOffset >= 0 && nextOffset <= now + 500_000) {
            launcher.launch(launcher.startNanos() + nextOffset, null);
            nextOffset = fireTimes.nextFireTimeNanos();
        }
        if (nextOffset < 0) {
            return;
        }
        long waitMillis = Math.max(1, (nextOffset - now) / 1_000_000);
        vertx.setTimer(waitMillis, id -> tick());
    }
}
