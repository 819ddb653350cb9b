package io.llmload.runner.autoscaling;

import io.llmload.runner.report.StageInfo;
import java.util.ArrayList;
import java.util.List;

/** The run's stages on its timeline (seconds from the start): where each begins, and where the load changed. */
final class StageTimeline {

    private final List<StageInfo> stages;
    private final double[] starts;
    private final double planEnd;

    StageTimeline(List<StageInfo> stages) {
        this.stages = List.copyOf(stages);
        this.starts = new double[stages.size()];
        double cursor = 0;
        for (int i = 0; i < stages.size(); i++) {
            starts[i] = cursor;
            cursor += stages.get(i).durationSeconds();
        }
        this.planEnd = cursor;
    }

    /** Where the measured stages begin (after the warmup). */
    double measuredStart() {
        for (int i = 0; i < stages.size(); i++) {
            if (!stages.get(i).warmup()) {
                return starts[i];
            }
        }
        return planEnd;
    }

    double planEnd() {
        return planEnd;
    }

    /** The stage running at this offset: null before the start, the last one after the end (the graceful stop). */
    String stageAt(double offsetSeconds) {
        if (offsetSeconds < 0 || stages.isEmpty()) {
            return null;
        }
        for (int i = stages.size() - 1; i >= 0; i--) {
            if (offsetSeconds >= starts[i]) {
                return stages.get(i).name();
            }
        }
        return stages.get(0).name();
    }

    /**
     * Every change of the offered load: the start (from zero), then each stage whose level differs from the one
     * before. A stage's level is its end level, so a ramp stage changes the load where it begins.
     */
    List<LoadChange> loadChanges() {
        List<LoadChange> changes = new ArrayList<>();
        double previous = 0;
        for (int i = 0; i < stages.size(); i++) {
            double level = stages.get(i).level();
            if (level != previous) {
                changes.add(new LoadChange(starts[i], stages.get(i).name(), previous, level));
            }
            previous = level;
        }
        return changes;
    }
}
