package io.llmload.runner.plan;

import io.llmload.runner.spec.Durations;
import io.llmload.runner.spec.LoadSpec;
import io.llmload.runner.spec.StageSpec;
import io.llmload.runner.spec.TargetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a validated {@link LoadSpec} into a {@link LoadPlan}. A ramp stage ramps from the level before it (0 at the
 * very start). Warmup runs at the first stage's starting level, or at its end level when it ramps up from zero.
 * {@code durationScale} shrinks or stretches every duration (the CLI's --duration-scale, for quick smoke runs). The
 * graceful stop defaults to the request timeout: every request sent before the end of the plan then either
 * completes or times out, none is cut only because the test ended.
 */
public final class PlanResolver {

    private PlanResolver() {
    }

    /** With the default request timeout ({@link TargetSpec#DEFAULT_TIMEOUT}). */
    public static LoadPlan resolve(LoadSpec load, double durationScale) {
        return resolve(load, TargetSpec.DEFAULT_TIMEOUT, durationScale);
    }

    /** @param requestTimeout the target's per-request timeout: the graceful stop when the spec sets none */
    public static LoadPlan resolve(LoadSpec load, Duration requestTimeout, double durationScale) {
        LoadModel model = "open".equals(load.model()) ? LoadModel.OPEN : LoadModel.CLOSED;
        ArrivalProcess arrival = ArrivalProcess.of(load.arrival());
        List<StageTemplate> templates = load.stages() != null && !load.stages().isEmpty()
                ? fromStages(load.stages(), model)
                : LoadShape.named(load.shape().type()).orElseThrow().expand(load.shape());

        List<PlannedStage> stages = new ArrayList<>();
        long cursor = 0;
        Duration warmup = Durations.parseOr(load.warmup(), Duration.ZERO);
        if (!warmup.isZero()) {
            StageTemplate first = templates.get(0);
            double level = first.from() > 0 ? first.from() : first.to();
            cursor = scaled(warmup, durationScale);
            stages.add(new PlannedStage(0, "warmup", 0, cursor, level, level, true));
        }
        for (StageTemplate t : templates) {
            long nanos = scaled(Durations.parseOr(t.duration(), Duration.ofSeconds(1)), durationScale);
            stages.add(new PlannedStage(stages.size(), t.name(), cursor, nanos, t.from(), t.to(), false));
            cursor += nanos;
        }
        Duration think = Durations.parseOr(load.thinkTime(), Duration.ZERO);
        Duration grace = Durations.parseOr(load.gracefulStop(), requestTimeout);
        return new LoadPlan(model, arrival, List.copyOf(stages), think, grace);
    }

    private static List<StageTemplate> fromStages(List<StageSpec> specs, LoadModel model) {
        List<StageTemplate> templates = new ArrayList<>();
        double previous = 0;
        for (int i = 0; i < specs.size(); i++) {
            StageSpec spec = specs.get(i);
            double level = model == LoadModel.OPEN
                    ? (spec.rate() == null ? 0 : spec.rate())
                    : (spec.users() == null ? 0 : spec.users());
            double from = Boolean.TRUE.equals(spec.ramp()) ? previous : level;
            templates.add(new StageTemplate(spec.name() != null ? spec.name() : "stage-" + (i + 1), spec.duration(),
                    from, level));
            previous = level;
        }
        return templates;
    }

    private static long scaled(Duration d, double scale) {
        return Math.max(1_000_000L, Math.round(d.toNanos() * scale));
    }
}
