package io.llmload.runner.report;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.CellStats;
import io.llmload.runner.slo.SloJudge;
import io.llmload.runner.slo.Tier;
import io.llmload.runner.spec.SloSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Turns measured {@link RunData} into the {@link Report}: aggregates per run, stage and request type, each computed
 * from merged histograms (never from averaged percentiles), with warmup excluded, then judged against the SLOs.
 * The CLI and the operator both call this, so they print the same numbers.
 */
public final class ReportBuilder {

    private ReportBuilder() {
    }

    public static Report build(RunData data, SloSpec slo) {
        SloJudge judge = new SloJudge(slo);
        List<StageInfo> measured = data.stages().stream().filter(s -> !s.warmup()).toList();
        double measuredSeconds = measured.stream().mapToDouble(StageInfo::durationSeconds).sum();
        Predicate<CellData> inMeasuredStage = cell -> measured.stream().anyMatch(s -> s.name().equals(cell.stage()));

        List<SloResult> sloResults = new ArrayList<>();
        Aggregate overall = Aggregate.of("overall", null, null, measuredSeconds, merge(data, inMeasuredStage));
        Tier overallTier = judge.tier(overall);
        overall = overall.withTier(overallTier.label());
        sloResults.addAll(judge.check("overall", overall));

        List<Aggregate> stages = new ArrayList<>();
        for (StageInfo stage : measured) {
            Aggregate a = Aggregate.of(stage.name(), stage.level(), data.levelUnit(), stage.durationSeconds(),
                    merge(data, cell -> cell.stage().equals(stage.name())));
            boolean idle = a.requests() == 0 && stage.level() == 0;
            a = a.withTier(idle ? null : judge.tier(a).label());
            stages.add(a);
            if (!idle) {
                sloResults.addAll(judge.check("stage:" + stage.name(), a));
            }
        }

        List<Aggregate> types = new ArrayList<>();
        for (String type : data.requestTypes()) {
            types.add(Aggregate.of(type, null, null, measuredSeconds,
                    merge(data, inMeasuredStage.and(cell -> cell.requestType().equals(type)))));
        }

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("target", data.target());
        run.put("model", data.model());
        run.put("loadModel", data.loadModel());
        run.put("levelUnit", data.levelUnit());
        run.put("runners", data.runners());
        run.put("warmupSeconds", data.stages().stream().filter(StageInfo::warmup)
                .mapToDouble(StageInfo::durationSeconds).sum());
        run.put("measuredSeconds", measuredSeconds);

        return new Report(data.name(), data.startTime(), data.endTime(), overallTier.verdict(),
                data.aborted() ? "aborted" : "completed", data.abortReason(), run, overall, stages, types,
                sloResults, null, null, null, data.timeline(), data.cells());
    }

    private static CellStats merge(RunData data, Predicate<CellData> which) {
        CellStats sum = new CellStats();
        for (CellData cell : data.cells()) {
            if (which.test(cell)) {
                sum.add(CellStats.fromData(cell));
            }
        }
        return sum;
    }
}
