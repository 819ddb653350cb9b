package io.llmload.runner.engine;

import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.plan.RunnerShare;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * Closed model: virtual users, each sending its next request when the previous one ended (plus think time). Every
 * 100 ms the plan's level decides how many users are active; users above it finish their request and go idle.
 * A user's intended send time is when it was due: after its think time, waited on the engine's clock (so timer
 * lateness shows as send lag, and no request leaves before its user finished thinking), or
 * without think time as soon as its next request can go: when its I/O lane starts it (building the request and
 * handing it to the lane are the generator's work, not latency the server caused; waiting for a connection is
 * latency and shows as send lag). A user whose requests cannot reach the server backs off ({@link ConnectBackoff}).
 */
final class ClosedModelDriver implements LoadDriver {

    private static final long LEVEL_TICK_MS = 100;

    private final Vertx vertx;
    private final EngineClock.LoopTimer thinkTimer;
    private final LoadPlan plan;
    private final RunnerShare share;
    private final RequestLauncher launcher;
    private final long thinkNanos;
    private final List<User> users = new ArrayList<>();
    private long levelTimer = -1;
    private boolean stopped;

    ClosedModelDriver(Vertx vertx, EngineClock.LoopTimer thinkTimer, LoadPlan plan, RunnerShare share,
            RequestLauncher launcher) {
        this.vertx = vertx;
        this.thinkTimer = thinkTimer;
        this.plan = plan;
        this.share = share;
        this.launcher = launcher;
        this.thinkNanos = plan.thinkTime().toNanos();
    }

    @Override
    public void start() {
        adjustUsers();
        levelTimer = vertx.setPeriodic(LEVEL_TICK_MS, id -> adjustUsers());
    }

    @Override
    public void stop() {
        stopped = true;
        vertx.cancelTimer(levelTimer);
    }

    private void adjustUsers() {
        if (stopped) {
            return;
        }
        int target = share.users((int) Math.floor(plan.levelAt(launcher.offsetNanos()) + 1e-9));
        while (users.size() < target) {
            users.add(new User());
        }
        for (int i = 0; i < users.size(); i++) {
            User user = users.get(i);
            boolean shouldRun = i < target;
            if (shouldRun && !user.active) {
                user.active = true;
                if (!user.busy) {
                    user.send(RequestLauncher.WHEN_PREPARED);
                }
            } else if (!shouldRun) {
                user.active = false;
            }
        }
    }

    private final class User {
        final ConnectBackoff backoff = new ConnectBackoff();
        boolean active;
        boolean busy;

        void send(long intendedNanos) {
            busy = true;
            launcher.launch(intendedNanos, this::afterRequest);
        }

        void afterRequest(boolean unreachable) {
            if (stopped || !active) {
                busy = false;
                return;
            }
            long backoffMillis = backoff.afterRequest(unreachable);
            if (backoffMillis > 0) {
                // Backing off is the user's choice, like thinking: the next request is due once it is prepared.
                long wait = Math.max(backoffMillis * 1_000_000, thinkNanos);
                thinkTimer.at(System.nanoTime() + wait, () -> sendIfActive(RequestLauncher.WHEN_PREPARED));
            } else if (thinkNanos == 0) {
                send(RequestLauncher.WHEN_PREPARED);
            } else {
                long due = System.nanoTime() + thinkNanos;
                thinkTimer.at(due, () -> sendIfActive(due));
            }
        }

        private void sendIfActive(long intendedNanos) {
            if (stopped || !active) {
                busy = false;
            } else {
                send(intendedNanos);
            }
        }
    }
}
