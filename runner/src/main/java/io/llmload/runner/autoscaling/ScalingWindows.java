package io.llmload.runner.autoscaling;

import io.llmload.runner.report.Aggregate;
import io.llmload.runner.slo.SloJudge;
import io.llmload.runner.slo.Tier;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the measured run into scale-up windows and the steady rest, and judges each like a stage: its intervals'
 * cells merged, then the SLO tiers. A scale-up window runs from the load step (or the decision) until all new
 * replicas were Ready and, if latency had left Normal, until it recovered — but never past the next load change.
 */
final class ScalingWindows {

    private ScalingWindows() {
    }

    /**
     * @param limits for each event, where its window must end at the latest (the next load change, else the end)
     * @param measuredStart where the warmup ended
     * @param runEnd where the run ended
     */
    static List<ScalingWindow> of(List<DetectedEvent> events, List<LatencyEffect> effects, List<Double> limits,
            double measuredStart, double runEnd, IntervalSeries series, SloJudge judge) {
        List<ScalingWindow> windows = new ArrayList<>();
        List<ScalingWindow.Span> scaling = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < events.size(); i++) {
            DetectedEvent e = events.get(i);
            if (!e.up()) {
                continue;
            }
            double from = Math.max(e.startedAt(), measuredStart);
            double to = Math.min(end(e, effects.get(i), limits.get(i)), limits.get(i));
            if (to > from) {
                ScalingWindow.Span span = new ScalingWindow.Span(round(from), round(to));
                scaling.add(span);
                windows.add(judged(ScalingWindow.SCALE_UP + "-" + (++n), ScalingWindow.SCALE_UP, List.of(span),
                        series, judge));
            }
        }
        windows.add(judged(ScalingWindow.STEADY, ScalingWindow.STEADY, steady(scaling, measuredStart, runEnd), series,
                judge));
        return windows;
    }

    private static double end(DetectedEvent e, LatencyEffect effect, double limit) {
        double end = e.completedAt() != null ? e.completedAt() : limit;
        if (effect != null && effect.degradedAtSeconds() != null) {
            end = Math.max(end, effect.recoveredAtSeconds() != null ? effect.recoveredAtSeconds() : limit);
        }
        return end;
    }

    /** [measuredStart, runEnd) without the scale-up spans. */
    private static List<ScalingWindow.Span> steady(List<ScalingWindow.Span> scaling, double from, double to) {
        List<ScalingWindow.Span> sorted = scaling.stream()
                .sorted((a, b) -> Double.compare(a.fromSeconds(), b.fromSeconds())).toList();
        List<ScalingWindow.Span> rest = new ArrayList<>();
        double cursor = from;
        for (ScalingWindow.Span s : sorted) {
            if (s.fromSeconds() > cursor) {
                rest.add(new ScalingWindow.Span(round(cursor), round(Math.min(s.fromSeconds(), to))));
            }
            cursor = Math.max(cursor, s.toSeconds());
        }
        if (to > cursor) {
            rest.add(new ScalingWindow.Span(round(cursor), round(to)));
        }
        return rest;
    }

    private static ScalingWindow judged(String name, String kind, List<ScalingWindow.Span> spans,
            IntervalSeries series, SloJudge judge) {
        IntervalSeries.Merged merged = series.merge(at -> spans.stream().anyMatch(s -> s.contains(at)));
        if (merged.stats().requests() == 0) {
            return new ScalingWindow(name, kind, spans, null);
        }
        Aggregate a = Aggregate.of(name, null, null, merged.seconds(), merged.stats());
        Tier tier = judge.tier(a);
        return new ScalingWindow(name, kind, spans, a.withTier(tier.label()));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
