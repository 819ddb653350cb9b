package io.llmload.runner.autoscaling;

import io.llmload.runner.autoscaling.AutoscalingReport.Replicas;
import io.llmload.runner.autoscaling.AutoscalingReport.StageReplicas;
import io.llmload.runner.autoscaling.AutoscalingReport.TimelineSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The replica timeline summed up for the report: at a glance, per stage, and every reading on the run's clock. */
final class ReplicaFigures {

    private ReplicaFigures() {
    }

    static Replicas of(List<ReplicaPoint> points) {
        if (points.isEmpty()) {
            return null;
        }
        ReplicaPoint first = points.get(0);
        ReplicaPoint last = points.get(points.size() - 1);
        return new Replicas(first.desired(), first.ready(),
                points.stream().mapToInt(ReplicaPoint::desired).max().orElseThrow(),
                points.stream().mapToInt(ReplicaPoint::ready).min().orElseThrow(),
                points.stream().mapToInt(ReplicaPoint::ready).max().orElseThrow(), last.desired(), last.ready());
    }

    /** Per stage, in the order the stages ran; readings before the start or without values are left out. */
    static List<StageReplicas> perStage(List<ReplicaSample> samples, Instant start, StageTimeline stages) {
        Map<String, int[]> byStage = new LinkedHashMap<>(); // min/max desired, min/max ready, count
        for (ReplicaPoint p : ReplicaPoint.of(samples, start)) {
            String stage = stages.stageAt(p.at());
            if (stage == null) {
                continue;
            }
            int[] f = byStage.computeIfAbsent(stage, s -> new int[] { Integer.MAX_VALUE, Integer.MIN_VALUE,
                Integer.MAX_VALUE, Integer.MIN_VALUE, 0 });
            f[0] = Math.min(f[0], p.desired());
            f[1] = Math.max(f[1], p.desired());
            f[2] = Math.min(f[2], p.ready());
            f[3] = Math.max(f[3], p.ready());
            f[4]++;
        }
        List<StageReplicas> result = new ArrayList<>();
        byStage.forEach((stage, f) -> result.add(new StageReplicas(stage, f[0], f[1], f[2], f[3], f[4])));
        return result;
    }

    static List<TimelineSample> timeline(List<ReplicaSample> samples, Instant start, StageTimeline stages) {
        List<TimelineSample> result = new ArrayList<>(samples.size());
        for (ReplicaSample s : samples) {
            double at = ReplicaPoint.seconds(start, s.at());
            result.add(new TimelineSample(at, stages.stageAt(at), s.desired(), s.ready(), s.available(), s.metrics(),
                    s.source()));
        }
        return result;
    }
}
