package io.llmload.runner.report;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.slo.Capacity;
import io.llmload.runner.slo.Goodput;
import io.llmload.runner.slo.SloJudge;
import io.llmload.runner.slo.Tier;
import io.llmload.runner.spec.CostSpec;
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
        Aggregate overall = Aggregate.of("overall", null, null, measuredSeconds, overallStats)
                .withGoodputUpperBound(goodput.upperBoundPerSecond(overallStats, measuredSeconds));
        Tier overallTier = judge.tier(overall);
        overall = overall.withTier(overallTier.label());
        sloResults.addAll(judge.check("overall", overall));

        List<Aggregate> stages = new ArrayList<>();
        Set<String> stagesAtSlo = new HashSet<>();
        for (StageInfo stage : measured) {
            CellStats stats = merge(cells, cell -> cell.stage().equals(stage.name()));
            Aggregate a = Aggregate.of(stage.name(), stage.level(), data.levelUnit(), stage.durationSeconds(), stats)
                    .withGoodputUpperBound(goodput.upperBoundPerSecond(stats, stage.durationSeconds()));
            boolean idle = a.requests() == 0 && stage.level() == 0;
            Tier tier = idle ? null : judge.tier(a);
            a = a.withTier(tier == null ? null : tier.label());
            stages.add(a);
            if (!idle) {
                sloResults.addAll(judge.check("stage:" + stage.name(), a));
                // At SLO: every target met, and not in Breach (which also catches > 1% errors and p99 E2E > 5 s
                // when no target names them).
                if (tier != Tier.BREACH && judge.allMet(a)) {
                    stagesAtSlo.add(stage.name());
                }
            }
        }

        List<Aggregate> types = new ArrayList<>();
        for (String type : data.requestTypes()) {
            CellStats stats = merge(cells, inMeasuredStage.and(cell -> cell.requestType().equals(type)));
            types.add(Aggregate.of(type, null, null, measuredSeconds, stats)
                    .withGoodputUpperBound(goodput.upperBoundPerSecond(stats, measuredSeconds)));
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

        Capacity capacity = stages.isEmpty() ? null
                : Capacity.of(stages, s -> stagesAtSlo.contains(s.name()), data.levelUnit());
        return new Report(data.name(), data.startTime(), data.endTime(), overallTier.verdict(),
                data.aborted() ? "aborted" : "completed", data.abortReason(), run, overall, stages, types,
                sloResults, null, capacity, CostCalculator.compute(cost, overall, stages), data.timeline(),
                data.cells(), UserRequestReport.of(data.cells(), decoded, measured));
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

    /** The run's cells, in order, beside their decoded form. */
    private record Cells(List<CellData> data, List<CellStats> decoded) {
    }
}
