package io.llmload.runner.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.llmload.runner.metrics.CellData;
import java.util.List;

/**
 * Everything one run measured, before judgement: the stages, every stage × request-type cell (counters and
 * histograms) and the timeline. Runners produce one each; the operator merges them with {@link RunDataMerger}
 * and both CLI and operator turn the result into a {@link Report} with {@link ReportBuilder}.
 */
public record RunData(String name, String startTime, String endTime, String loadModel, String levelUnit,
        String target, String model, int runners, List<StageInfo> stages, List<String> requestTypes,
        List<CellData> cells, List<TimelinePoint> timeline, boolean aborted, String abortReason,
        List<DatasetUsage> datasets, EngineData engine) {

    /**
     * @param datasets what each dataset-fed request type read (empty: none); null is read as empty
     * @param engine the load generator's own health (null: not measured, e.g. data from an older runner)
     */
    @JsonCreator
    public RunData {
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
    }

    /** A run without the engine's own measurements. */
    public RunData(String name, String startTime, String endTime, String loadModel, String levelUnit, String target,
            String model, int runners, List<StageInfo> stages, List<String> requestTypes, List<CellData> cells,
            List<TimelinePoint> timeline, boolean aborted, String abortReason, List<DatasetUsage> datasets) {
        this(name, startTime, endTime, loadModel, levelUnit, target, model, runners, stages, requestTypes, cells,
                timeline, aborted, abortReason, datasets, null);
    }

    /** A run without datasets. */
    public RunData(String name, String startTime, String endTime, String loadModel, String levelUnit, String target,
            String model, int runners, List<StageInfo> stages, List<String> requestTypes, List<CellData> cells,
            List<TimelinePoint> timeline, boolean aborted, String abortReason) {
        this(name, startTime, endTime, loadModel, levelUnit, target, model, runners, stages, requestTypes, cells,
                timeline, aborted, abortReason, List.of());
    }
}
