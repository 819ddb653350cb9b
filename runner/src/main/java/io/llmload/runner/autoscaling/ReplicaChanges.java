package io.llmload.runner.autoscaling;

import io.llmload.runner.autoscaling.AutoscalingReport.TimelineSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The readings of a timeline where desired or Ready changed (and the first): what the console and the page show. */
public final class ReplicaChanges {

    private ReplicaChanges() {
    }

    public static List<TimelineSample> of(List<TimelineSample> timeline) {
        List<TimelineSample> changes = new ArrayList<>();
        TimelineSample last = null;
        for (TimelineSample s : timeline) {
            if (last == null || !Objects.equals(s.desired(), last.desired()) || !Objects.equals(s.ready(), last.ready())) {
                changes.add(s);
                last = s;
            }
        }
        return changes;
    }
}
