package io.llmload.runner.report;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.slo.Capacity;
import io.llmload.runner.slo.Goodput;
import io.llmload.runner.slo.ReplicaPlanner;
import io.llmload.runner.slo.SloJudge;
import io.llmload.runner.slo.Tier;
import io.llmload.runner.spec.CostSpec;
import io.llmload.runner.spec.PlanSpec;
import io.llmload.runner.spec.SloSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns measured {@link RunData} into the {@link Report}: aggregates per run, stage and request type, each computed
 * from merged histograms (never from averaged percentiles), with warmup excluded, then judged against the SLOs:
 * tiers, goodput, capacity and saturation, and priced with {@code spec.cost}. The CLI and the operator both call
 * this, so they print the same numbers.
 */
public final class ReportBuilder {

    private ReportBuilder() {
    }

    public static Report build(RunData data, SloSpec slo) {
        return build(data, slo, null);
    }

    public static Report build(RunData data, SloSpec slo, CostSpec cost) {
        return build(data, slo, cost, null);
    }

    /** With {@code spec.plan}: the capacity section gains the replicas and cost of the plan's target. */
    public static Report build(RunData data, SloSpec slo, CostSpec cost, PlanSpec plan) {
        SloJudge judge = new SloJudge(slo);
        Goodput goodput = new Goodput(slo);
        List<StageInfo> measured = data.stages().stream().filter(s -> !s.warmup()).toList();
        double measuredSeconds = measured.stream().mapToDouble(StageInfo::durationSeconds).sum();
        Predicate<CellData> inMeasuredStage = cell -> measured.stream().anyMatch(s -> s.name().equals(cell.stage()));

        // Decode every cell's histograms once; each scope below merges a different subset of them.
        List<CellStats> decoded = data.cells().stream().map(CellStats::fromData).toList();
        Cells cells = new Cells(data.cells(), decoded);

        List<SloResult> sloResults = new ArrayList<>();
        CellStats overallStats = merge(cells, inMeasuredStage);
        Aggregate overall = Aggregate.of("overall", null, null, measuredSeconds, overallStats,
                goodput.upperBoundPerSecond(overallStats, measuredSeconds));
        Tier overallTier = judge.tier(overall);
        overall = overall.withTier(overallTier.label());
        sloResults.addAll(judge.check("overall", overall));

        List<Aggregate> stages = new ArrayList<>();
        // What capacity is judged on: flat stages whole, ramps by their windows (levels they actually held).
        List<Aggregate> levelsHeld = new ArrayList<>();
        Set<String> atSlo = new HashSet<>();
        Scopes scopes = new Scopes(judge, goodput, data.levelUnit());
        for (StageInfo stage : measured) {
            CellStats stats = merge(cells, cell -> cell.stage().equals(stage.name()));
            Aggregate a = scopes.judged(stage.name(), stage.level(), stage.durationSeconds(), stats, atSlo);
            if (a.tier() != null) {
                sloResults.addAll(judge.check("stage:" + stage.name(), a));
            }
            if (stage.windowCount() > 1) {
                List<Aggregate> windows = new ArrayList<>();
                for (int w = 0; w < stage.windowCount(); w++) {
                    int window = w;
                    CellStats windowStats = merge(cells, cell -> cell.stage().equals(stage.name())
                            && Integer.valueOf(window).equals(cell.window()));
                    windows.add(scopes.judged(windowName(stage, w, data.levelUnit()), heldLevel(stage, w, data),
                            stage.windowSeconds(w), windowStats, atSlo));
                }
                a = a.withWindows(windows);
                levelsHeld.addAll(windows);
            } else {
                levelsHeld.add(a);
            }
            stages.add(a);
        }

        List<Aggregate> types = new ArrayList<>();
        for (String type : data.requestTypes()) {
            CellStats stats = merge(cells, inMeasuredStage.and(cell -> cell.requestType().equals(type)));
            types.add(Aggregate.of(type, null, null, measuredSeconds, stats,
                    goodput.upperBoundPerSecond(stats, measuredSeconds)));
        }

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("target", data.target());
        run.put("model", data.model());
        // How the model was chosen (spec, --model, discovered) and how the target was reached (TLS, proxy, headers).
        data.targetDetails().forEach(run::put);
        run.put("loadModel", data.loadModel());
        run.put("levelUnit", data.levelUnit());
        run.put("runners", data.runners());
        run.put("warmupSeconds", data.stages().stream().filter(StageInfo::warmup)
                .mapToDouble(StageInfo::durationSeconds).sum());
        run.put("measuredSeconds", measuredSeconds);
        if (!data.datasets().isEmpty()) {
            run.put("datasets", data.datasets());
        }
        EngineReport engine = EngineReport.of(data.engine());
        if (engine != null) {
            run.put("engine", engine);
        }

        Capacity capacity = stages.isEmpty() ? null
                : Capacity.of(levelsHeld, s -> atSlo.contains(s.name()), data.levelUnit());
        if (capacity != null && plan != null) {
            String heldStage = capacity.stageAtSlo();
            Aggregate held = levelsHeld.stream().filter(s -> s.name().equals(heldStage)).findFirst().orElse(null);
            capacity = capacity.withPlan(ReplicaPlanner.plan(plan, cost, held));
        }
        return new Report(data.name(), data.startTime(), data.endTime(), overallTier.verdict(),
                data.aborted() ? "aborted" : "completed", data.abortReason(), run, overall, stages, types,
                sloResults, null, capacity, CostCalculator.compute(cost, overall, stages), data.timeline(),
                data.cells(), UserRequestReport.of(data.cells(), decoded, measured));
    }

    /** E.g. "ramp (40-80 users)": a ramp window by the levels it went through. */
    static String windowName(StageInfo stage, int w, String unit) {
        double from = stage.levelAt(w / (double) stage.windowCount());
        double to = stage.levelAt((w + 1) / (double) stage.windowCount());
        return stage.name() + " (" + Capacity.formatLevel(from) + "-" + Capacity.formatLevel(to) + " " + unit + ")";
    }

    /** The lowest level a ramp window held all along (whole users in the closed model). */
    static double heldLevel(StageInfo stage, int w, RunData data) {
        double low = Math.min(stage.levelAt(w / (double) stage.windowCount()),
                stage.levelAt((w + 1) / (double) stage.windowCount()));
        return Capacity.USERS.equals(data.levelUnit()) ? Math.floor(low + 1e-9) : low;
    }

    private static CellStats merge(Cells cells, Predicate<CellData> which) {
        CellStats sum = new CellStats();
        for (int i = 0; i < cells.data().size(); i++) {
            if (which.test(cells.data().get(i))) {
                sum.add(cells.decoded().get(i));
            }
        }
        return sum;
    }

    /** Judges stage-like scopes (stages and ramp windows) the same way. */
    private record Scopes(SloJudge judge, Goodput goodput, String levelUnit) {

        /** The scope judged; its name joins {@code atSlo} when every target was met and it is not in Breach. */
        Aggregate judged(String name, double level, double seconds, CellStats stats, Set<String> atSlo) {
            Aggregate a = Aggregate.of(name, level, levelUnit, seconds, stats,
                    goodput.upperBoundPerSecond(stats, seconds));
            if (a.requests() == 0 && level == 0) {
                return a; // idle: nothing to judge
            }
            Tier tier = judge.tier(a);
            // At SLO: every target met, and not in Breach (which also catches > 1% errors and p99 E2E > 5 s when
            // no target names them).
            if (tier != Tier.BREACH && judge.allMet(a)) {
                atSlo.add(name);
            }
            return a.withTier(tier.label());
        }
    }

    /** The run's cells, in order, beside their decoded form. */
    private record Cells(List<CellData> data, List<CellStats> decoded) {
    }
}
