package io.llmload.runner.plan;

import java.time.Duration;
import java.util.List;

/** The resolved timeline of a test: warmup (if any) and measured stages, back to back. */
public record LoadPlan(LoadModel model, ArrivalProcess arrival, List<PlannedStage> stages, Duration thinkTime,
        Duration gracefulStop) {

    public long totalNanos() {
        return stages.isEmpty() ? 0 : stages.get(stages.size() - 1).endNanos();
    }

    /** The stage running at this offset; offsets past the end belong to the last stage. */
    public PlannedStage stageAt(long offsetNanos) {
        for (PlannedStage stage : stages) {
            if (offsetNanos < stage.endNanos()) {
                return stage;
            }
        }
        return stages.get(stages.size() - 1);
    }

    public double levelAt(long offsetNanos) {
        return stageAt(offsetNanos).levelAt(offsetNanos);
    }

    public List<PlannedStage> measuredStages() {
        return stages.stream().filter(s -> !s.warmup()).toList();
    }

    public double peakLevel() {
        return stages.stream().mapToDouble(s -> Math.max(s.fromLevel(), s.toLevel())).max().orElse(0);
    }
}
