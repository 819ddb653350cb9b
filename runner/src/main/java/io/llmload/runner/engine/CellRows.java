package io.llmload.runner.engine;

import io.llmload.runner.metrics.CellRow;
import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.plan.PlannedStage;
import java.util.ArrayList;
import java.util.List;

/**
 * The metrics rows of a plan — each stage, a ramp as its judgement windows — and which row a request belongs to: the
 * one of its (first) intended send time.
 */
final class CellRows {

    private final LoadPlan plan;
    private final List<CellRow> rows = new ArrayList<>();
    private final int[] firstRow;

    CellRows(LoadPlan plan) {
        this.plan = plan;
        this.firstRow = new int[plan.stages().size()];
        for (PlannedStage stage : plan.stages()) {
            firstRow[stage.index()] = rows.size();
            for (int w = 0; w < stage.windows(); w++) {
                rows.add(new CellRow(stage.name(), stage.windows() == 1 ? null : w));
            }
        }
    }

    List<CellRow> rows() {
        return List.copyOf(rows);
    }

    /** The row of a request intended {@code offsetNanos} after the start. */
    int rowAt(long offsetNanos) {
        PlannedStage stage = plan.stageAt(offsetNanos);
        return firstRow[stage.index()] + stage.windowAt(offsetNanos);
    }
}
