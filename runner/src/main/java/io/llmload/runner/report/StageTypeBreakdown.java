package io.llmload.runner.report;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.CellStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each request type's results stage by stage, recomputed from the report's stored histograms (report.json keeps one
 * cell per stage × request type), so the HTML and CSV files can show which type degrades first under load.
 * Not judged: no tier or goodput (those need the SLO, which the report does not carry).
 */
final class StageTypeBreakdown {

    private StageTypeBreakdown() {
    }

    /** Request type → its aggregates in stage order; empty when the report has fewer than two types or no cells. */
    static Map<String, List<Aggregate>> of(Report report) {
        Map<String, List<Aggregate>> byType = new LinkedHashMap<>();
        if (report.requestTypes() == null || report.requestTypes().size() < 2 || report.histograms() == null
                || report.histograms().isEmpty()) {
            return byType;
        }
        for (Aggregate type : report.requestTypes()) {
            List<Aggregate> stages = new ArrayList<>();
            for (Aggregate stage : report.stages()) {
                CellStats stats = new CellStats();
                for (CellData cell : report.histograms()) {
                    if (stage.name().equals(cell.stage()) && type.name().equals(cell.requestType())) {
                        stats.add(CellStats.fromData(cell));
                    }
                }
                stages.add(Aggregate.of(stage.name(), stage.level(), stage.levelUnit(), stage.durationSeconds(),
                        stats));
            }
            byType.put(type.name(), stages);
        }
        return byType;
    }
}
