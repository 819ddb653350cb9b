package io.llmload.runner.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The simulator's autoscaling mode: several engines (each a full {@link BatchScheduler}) behind one endpoint, like
 * the pods of a Deployment behind a Service with a least-loaded router in front. A control thread runs the
 * {@link PoolAutoscaler} every {@code interval}; a scale-up adds engines that become Ready after the cold start, a
 * scale-down takes engines out of routing at once (still-starting ones first, then the newest) and stops each once
 * its requests finished. Every decision and readiness change is recorded in {@link #history()}.
 */
final class EnginePool implements Engines {

    /** A draining engine is stopped only after this long and two idle checks in a row (a request may be in flight). */
    private static final long DRAIN_GRACE_NANOS = 1_000_000_000L;

    private enum Phase { STARTING, READY, DRAINING, STOPPED }

    /** One engine of the pool; mutated on the control thread only. */
    private static final class Engine {
        final String name;
        final BatchScheduler scheduler;
        volatile Phase phase = Phase.STARTING;
        ScheduledFuture<?> readyTimer;
        long drainingSinceNanos;
        boolean idleAtLastCheck;

        Engine(String name, SimulatorProfile profile) {
            this.name = name;
            this.scheduler = new BatchScheduler(profile);
        }
    }

    private final SimulatorProfile profile;
    private final ScalingPolicy policy;
    private final ScalingHistory history = new ScalingHistory();
    private final ScheduledExecutorService control = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "llmload-sim-autoscaler");
        t.setDaemon(true);
        return t;
    });
    /** Every engine not stopped, oldest first; control thread only. */
    private final List<Engine> engines = new ArrayList<>();
    private volatile List<Engine> ready = List.of();
    /** Ready and draining engines: the pods a scrape of every pod would reach. */
    private volatile List<Engine> scraped = List.of();
    private volatile int desired;
    private volatile double metricAverage = Double.NaN;
    private PoolAutoscaler autoscaler;
    private int nextId;

    EnginePool(SimulatorProfile profile, ScalingPolicy policy) {
        this.profile = profile;
        this.policy = policy;
    }

    ScalingHistory history() {
        return history;
    }

    ScalingPolicy policy() {
        return policy;
    }

    @Override
    public void start() {
        try {
            control.submit(() -> {
                desired = policy.minReplicas();
                for (int i = 0; i < desired; i++) {
                    Engine engine = add();
                    becomeReady(engine);
                }
                autoscaler = new PoolAutoscaler(policy, System.nanoTime(), desired);
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("could not start the engine pool: " + e, e);
        }
        long every = policy.interval().toNanos();
        control.scheduleAtFixedRate(this::tick, every, every, TimeUnit.NANOSECONDS);
    }

    @Override
    public BatchScheduler route() {
        Engine best = null;
        int bestLoad = Integer.MAX_VALUE;
        for (Engine e : ready) {
            int load = e.scheduler.load();
            if (load < bestLoad) {
                best = e;
                bestLoad = load;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no engine is ready");
        }
        return best.scheduler;
    }

    @Override
    public SimulatorState state() {
        List<SimulatorState> states = scraped.stream().map(e -> e.scheduler.state()).toList();
        return SimulatorState.sum(states, profile.kvCacheTokens());
    }

    @Override
    public String metricsText(String modelName) {
        List<VllmMetricsRenderer.Series> series = new ArrayList<>();
        for (Engine e : scraped) {
            series.add(new VllmMetricsRenderer.Series(VllmMetricsRenderer.modelLabel(modelName, e.name), e.scheduler.state()));
        }
        return VllmMetricsRenderer.render(series) + VllmMetricsRenderer.replicaGauges(modelName, desired, ready.size(),
                policy.metric(), metricAverage, policy.target());
    }

    /** One autoscaler evaluation; a failure must not stop the loop (the executor would cancel it). */
    private void tick() {
        try {
            stopDrainedEngines();
            List<Engine> serving = ready;
            double sum = 0;
            for (Engine e : serving) {
                sum += policy.metric().of(e.scheduler.state());
            }
            double average = serving.isEmpty() ? Double.NaN : sum / serving.size();
            metricAverage = average;
            int next = autoscaler.next(System.nanoTime(), sum, desired);
            if (next != desired) {
                history.decided(new ScalingHistory.Decision(Instant.now(), desired, next, average));
                resize(next);
            }
        } catch (RuntimeException e) {
            // Keep scaling on the next tick.
        }
    }

    private void resize(int next) {
        if (next > desired) {
            for (int i = desired; i < next; i++) {
                Engine engine = add();
                engine.readyTimer = control.schedule(() -> becomeReady(engine), policy.coldStart().toNanos(),
                        TimeUnit.NANOSECONDS);
            }
        } else {
            for (int i = next; i < desired; i++) {
                remove(victim());
            }
        }
        desired = next;
        publish();
    }

    private Engine add() {
        Engine engine = new Engine("engine-" + nextId++, profile);
        engines.add(engine);
        return engine;
    }

    private void becomeReady(Engine engine) {
        if (engine.phase != Phase.STARTING) {
            return; // removed while starting
        }
        engine.scheduler.start();
        engine.phase = Phase.READY;
        publish();
        history.changed(new ScalingHistory.ReplicaChange(Instant.now(), engine.name, true, ready.size()));
    }

    /** Still-starting engines go first (newest first), then the newest Ready one, like a ReplicaSet scaling down. */
    private Engine victim() {
        for (int i = engines.size() - 1; i >= 0; i--) {
            if (engines.get(i).phase == Phase.STARTING) {
                return engines.get(i);
            }
        }
        for (int i = engines.size() - 1; i >= 0; i--) {
            if (engines.get(i).phase == Phase.READY) {
                return engines.get(i);
            }
        }
        throw new IllegalStateException("no engine to remove");
    }

    private void remove(Engine engine) {
        if (engine.phase == Phase.STARTING) {
            engine.readyTimer.cancel(false);
            engine.phase = Phase.STOPPED;
            engines.remove(engine);
            return;
        }
        engine.phase = Phase.DRAINING;
        engine.drainingSinceNanos = System.nanoTime();
        publish();
        history.changed(new ScalingHistory.ReplicaChange(Instant.now(), engine.name, false, ready.size()));
    }

    private void stopDrainedEngines() {
        boolean changed = false;
        for (Engine e : List.copyOf(engines)) {
            if (e.phase != Phase.DRAINING || System.nanoTime() - e.drainingSinceNanos < DRAIN_GRACE_NANOS) {
                continue;
            }
            boolean idle = e.scheduler.load() == 0;
            if (idle && e.idleAtLastCheck) {
                e.scheduler.close();
                e.phase = Phase.STOPPED;
                engines.remove(e);
                changed = true;
            }
            e.idleAtLastCheck = idle;
        }
        if (changed) {
            publish();
        }
    }

    private void publish() {
        ready = engines.stream().filter(e -> e.phase == Phase.READY).toList();
        scraped = engines.stream().filter(e -> e.phase == Phase.READY || e.phase == Phase.DRAINING).toList();
    }

    @Override
    public void close() {
        control.shutdownNow();
        try {
            control.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Engine e : engines) {
            e.scheduler.close();
        }
    }
}
