package io.llmload.runner.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.llmload.runner.metrics.CellData;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured, before judgement: the stages, every stage × request-type cell (counters and
 * histograms) and the timeline. Runners produce one each; the operator merges them with {@link RunDataMerger}
 * and both CLI and operator turn the result into a {@link Report} with {@link ReportBuilder}.
 */
public record RunData(String name, String startTime, String endTime, String loadModel, String levelUnit,
        String target, String model, int runners, List<StageInfo> stages, List<String> requestTypes,
        List<CellData> cells, List<TimelinePoint> timeline, boolean aborted, String abortReason,
        List<DatasetUsage> datasets, EngineData engine, Map<String, Object> targetDetails,
        List<IntervalCell> intervals) {

    /**
     * @param datasets what each dataset-fed request type read (empty: none); null is read as empty
     * @param engine the load generator's own health (null: not measured, e.g. data from an older runner)
     * @param targetDetails how the model was chosen and how the target was reached (TLS, proxy, header names; never a
     *     secret value), see {@code engine.Target#describe}; empty when unknown
     * @param intervals every interval's cell when the engine kept them (spec.autoscaling), else empty; null is read
     *     as empty
     */
    @JsonCreator
    public RunData {
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
        targetDetails = targetDetails == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(targetDetails));
        intervals = intervals == null ? List.of() : List.copyOf(intervals);
    }

    /** A run without interval cells. */
    public RunData(String name, String startTime, String endTime, String loadModel, String levelUnit, String target,
            String model, int runners, List<StageInfo> stages, List<String> requestTypes, List<CellData> cells,
            List<TimelinePoint> timeline, boolean aborted, String abortReason, List<DatasetUsage> datasets,
            EngineData engine, Map<String, Object> targetDetails) {
        this(name, startTime, endTime, loadModel, levelUnit, target, model, runners, stages, requestTypes, cells,
                timeline, aborted, abortReason, datasets, engine, targetDetails, List.of());
    }

    /** A run with datasets, without the engine's own measurements and target details. */
    public RunData(String name, String startTime, String endTime, String loadModel, String levelUnit, String target,
            String model, int runners, List<StageInfo> stages, List<String> requestTypes, List<CellData> cells,
            List<TimelinePoint> timeline, boolean aborted, String abortReason, List<DatasetUsage> datasets) {
        this(name, startTime, endTime, loadModel, levelUnit, target, model, runners, stages, requestTypes, cells,
                timeline, aborted, abortReason, datasets, null, Map.of());
    }

    /** A run without datasets. */
    public RunData(String name, String startTime, String endTime, String loadModel, String levelUnit, String target,
            String model, int runners, List<StageInfo> stages, List<String> requestTypes, List<CellData> cells,
            List<TimelinePoint> timeline, boolean aborted, String abortReason) {
        this(name, startTime, endTime, loadModel, levelUnit, target, model, runners, stages, requestTypes, cells,
                timeline, aborted, abortReason, List.of());
    }
}
