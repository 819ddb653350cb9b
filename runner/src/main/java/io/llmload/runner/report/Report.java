package io.llmload.runner.report;

import io.llmload.runner.metrics.CellData;
import io.llmload.runner.slo.Capacity;
import java.util.List;
import java.util.Map;

/**
 * report.json (contract, DESIGN.md §6). {@code histograms} keeps every stage × request-type cell with its encoded
 * HdrHistograms so that any aggregate can be recomputed or merged later. {@code capacity} comes from the measured
 * stages, {@code cost} from {@code spec.cost} (null without it); {@code server} is filled by a later feature.
 */
public record Report(
        String name,
        String startTime,
        String endTime,
        String verdict,
        String outcome,
        String abortReason,
        Map<String, Object> run,
        Aggregate overall,
        List<Aggregate> stages,
        List<Aggregate> requestTypes,
        List<SloResult> slo,
        Object server,
        Capacity capacity,
        CostReport cost,
        List<TimelinePoint> timeline,
        List<CellData> histograms) {
}
