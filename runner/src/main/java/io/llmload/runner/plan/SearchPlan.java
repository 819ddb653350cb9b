package io.llmload.runner.plan;

import io.llmload.runner.spec.Durations;
import io.llmload.runner.spec.LoadSpec;
import io.llmload.runner.spec.Ratios;
import io.llmload.runner.spec.ShapeSpec;
import io.llmload.runner.spec.StageSpec;
import java.time.Duration;
import java.util.List;

/**
 * A capacity search ({@code load.shape.type: search}) resolved: its settings with defaults applied, and the plan of
 * each probe — load.warmup, then one flat stage at the probe's level, then the graceful stop, so every probe starts
 * from an idle server and judges only requests it sent itself. The time budget becomes a probe budget here, so the
 * sequence of probes depends on what they measured and never on how long they took to drain.
 *
 * @param maxLevel the highest level probed (null: no limit but the budget)
 * @param maxProbes the budget, confirmation repeats included
 */
public record SearchPlan(LoadSpec load, LoadModel model, double start, Double maxLevel, double growth,
        double precision, int maxProbes, int repeats, Duration requestTimeout, double durationScale) {

    public static final double DEFAULT_GROWTH = 2;
    public static final double MAX_GROWTH = 10;
    public static final double DEFAULT_PRECISION = 0.05;
    public static final double MIN_PRECISION = 0.005;
    public static final int DEFAULT_MAX_PROBES = 12;
    public static final int MAX_PROBES = 100;
    public static final int MAX_REPEATS = 5;

    public static boolean isSearch(LoadSpec load) {
        return load != null && (load.stages() == null || load.stages().isEmpty()) && load.shape() != null
                && "search".equals(load.shape().type());
    }

    /** The search of a validated {@code load} whose shape is a search. */
    public static SearchPlan of(LoadSpec load, Duration requestTimeout, double durationScale) {
        ShapeSpec shape = load.shape();
        int probes = shape.maxProbes() == null ? DEFAULT_MAX_PROBES : shape.maxProbes();
        if (shape.maxDuration() != null) {
            long probeNanos = probeLength(load).toNanos();
            long budget = Durations.parseOr(shape.maxDuration(), Duration.ZERO).toNanos();
            probes = (int) Math.max(1, Math.min(probes, budget / probeNanos));
        }
        return new SearchPlan(load, "open".equals(load.model()) ? LoadModel.OPEN : LoadModel.CLOSED, shape.from(),
                shape.to(), shape.growth() == null ? DEFAULT_GROWTH : shape.growth(),
                Ratios.parseOr(shape.precision(), DEFAULT_PRECISION), probes,
                shape.repeats() == null ? 0 : Math.min(shape.repeats(), probes - 1), requestTimeout, durationScale);
    }

    /** The stage name of probe {@code number} (1-based) in reports. */
    public static String probeName(int number) {
        return "probe-" + number;
    }

    /** The closed model probes whole users. */
    public boolean wholeLevels() {
        return model == LoadModel.CLOSED;
    }

    /** The plan of one probe: warmup, a flat stage named {@code name} at {@code level}, graceful stop. */
    public LoadPlan probe(String name, double level) {
        boolean open = model == LoadModel.OPEN;
        StageSpec stage = new StageSpec(name, load.shape().duration(), open ? null : (int) Math.round(level),
                open ? level : null, null);
        LoadSpec probe = new LoadSpec(load.model(), load.arrival(), load.warmup(), load.thinkTime(),
                load.gracefulStop(), List.of(stage), null);
        return PlanResolver.resolve(probe, requestTimeout, durationScale);
    }

    /** The planned time of all probes if the whole budget is used (draining after each probe not included). */
    public Duration maxPlannedDuration() {
        return Duration.ofNanos(Math.round(probeLength(load).toNanos() * durationScale) * maxProbes);
    }

    /** One probe's planned time: warmup + duration. */
    static Duration probeLength(LoadSpec load) {
        return Durations.parseOr(load.warmup(), Duration.ZERO)
                .plus(Durations.parseOr(load.shape().duration(), Duration.ofSeconds(1)));
    }
}
