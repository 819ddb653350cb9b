package io.llmload.runner.report;

import io.llmload.runner.metrics.CellData;
import java.util.List;
import java.util.Map;

/**
 * report.json (contract, DESIGN.md §6). {@code histograms} keeps every stage × request-type cell with its encoded
 * HdrHistograms so that any aggregate can be recomputed or merged later. {@code server}, {@code capacity} and
 * {@code cost} are filled by later features and null until then.
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
        Object capacity,
        Object cost,
        List<TimelinePoint> timeline,
        List<CellData> histograms) {
}
