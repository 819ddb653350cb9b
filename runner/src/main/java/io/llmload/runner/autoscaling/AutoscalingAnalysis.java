package io.llmload.runner.autoscaling;

import io.llmload.runner.report.Report;
import io.llmload.runner.report.RunData;
import io.llmload.runner.report.SloResult;
import io.llmload.runner.slo.SloJudge;
import io.llmload.runner.spec.AutoscalingSpec;
import io.llmload.runner.spec.SloSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges how a workload scaled during a run, from its replica timeline (whoever recorded it: the CLI from gauges or
 * Prometheus, the operator from informers) and what the run measured: the scaling events and their latencies
 * (decision, provisioning, recovery of the latency objective), the scale-up and steady windows judged like stages,
 * each {@code expect} item as an slo[] row, and one summary sentence. Pure: no I/O, no clock.
 */
public final class AutoscalingAnalysis {

    private AutoscalingAnalysis() {
    }

    /** The analysis' outcome: the report section and the rows it adds to slo[]. */
    public record Result(AutoscalingReport section, List<SloResult> windowRows, List<SloResult> expectationRows) {

        /** Whether every expectation was met (vacuously true without any). */
        public boolean expectationsMet() {
            return expectationRows.stream().allMatch(SloResult::met);
        }

        /** The report with this section and rows; a missed expectation makes the verdict Breach. */
        public Report applyTo(Report report) {
            List<SloResult> rows = new ArrayList<>(windowRows);
            rows.addAll(expectationRows);
            return report.withAutoscaling(section, rows, expectationsMet() ? report.verdict() : "Breach");
        }
    }

    /**
     * @param data what the run measured; {@code data.intervals()} should hold the per-interval cells (the engine keeps
     *     them with spec.autoscaling), else the windows and latency effects stay empty
     */
    public static Result analyze(AutoscalingSpec spec, SloSpec slo, RunData data, ReplicaTimeline timeline) {
        Instant start = Instant.parse(data.startTime());
        StageTimeline stages = new StageTimeline(data.stages());
        double runEnd = Math.max(stages.planEnd(), ReplicaPoint.seconds(start, Instant.parse(data.endTime())));
        List<LoadChange> changes = stages.loadChanges();
        List<ReplicaPoint> points = ReplicaPoint.of(timeline.samples(), start);
        LatencyTarget target = LatencyTarget.of(slo);
        IntervalSeries series = new IntervalSeries(data.intervals(), target);

        List<DetectedEvent> detected = DetectedEvent.detect(points, changes);
        List<ScalingEvent> events = new ArrayList<>();
        List<LatencyEffect> effects = new ArrayList<>();
        List<Double> limits = new ArrayList<>();
        for (DetectedEvent e : detected) {
            double limit = nextChangeAfter(changes, e.startedAt(), runEnd);
            LatencyEffect effect = target == null ? null
                    : LatencyEffect.measure(series, target, e.up() ? e.startedAt() : e.decidedAt(), limit);
            String stage = e.trigger() != null ? e.trigger().stage() : stages.stageAt(e.decidedAt());
            events.add(ScalingEvent.of(e, stage, effect));
            effects.add(effect);
            limits.add(limit);
        }
        SloJudge judge = new SloJudge(slo);
        List<ScalingWindow> windows = ScalingWindows.of(detected, effects, limits, stages.measuredStart(), runEnd,
                series, judge);
        List<SloResult> windowRows = new ArrayList<>();
        for (ScalingWindow w : windows) {
            if (w.results() != null) {
                windowRows.addAll(judge.check(ExpectationRows.SCOPE + ":" + w.name(), w.results()));
            }
        }
        String noData = "no replica readings from " + timeline.source()
                + (timeline.failures() > 0 ? " (" + timeline.failures() + " failed reads)" : "");
        List<SloResult> expectationRows = new ExpectationRows(points, events, changes, runEnd, noData)
                .rows(spec.expect(), windows);
        AutoscalingReport section = new AutoscalingReport(spec.target(), spec.autoscaler(), timeline.source(),
                timeline.pollInterval() == null ? null : timeline.pollInterval().toMillis() / 1000.0,
                timeline.samples().size(), timeline.failures(), ReplicaFigures.of(points), events, windows,
                ScalingSummary.of(points, events, noData), ReplicaFigures.perStage(timeline.samples(), start, stages),
                ReplicaFigures.timeline(timeline.samples(), start, stages));
        return new Result(section, windowRows, expectationRows);
    }

    private static double nextChangeAfter(List<LoadChange> changes, double at, double runEnd) {
        for (LoadChange c : changes) {
            if (c.atSeconds() > at) {
                return c.atSeconds();
            }
        }
        return runEnd;
    }
}
