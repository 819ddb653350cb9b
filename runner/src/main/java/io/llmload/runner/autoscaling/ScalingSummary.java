package io.llmload.runner.autoscaling;

import io.llmload.runner.slo.Tier;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's and the status' one sentence about the scaling, e.g. "scaled 1 → 3 replicas; first new replica
 * serving 2m41s after the load step (decision 35 s, model load 2m06s); TTFT p95 Degraded for 3m10s, then Normal".
 */
final class ScalingSummary {

    private ScalingSummary() {
    }

    static String of(List<ReplicaPoint> points, List<ScalingEvent> events, String noData) {
        if (points.isEmpty()) {
            return noData;
        }
        if (events.isEmpty()) {
            ReplicaPoint first = points.get(0);
            return "never scaled: " + first.desired() + " replica" + (first.desired() == 1 ? "" : "s")
                    + " desired throughout the run";
        }
        List<String> parts = new ArrayList<>();
        for (ScalingEvent e : events) {
            parts.add(e.up() ? up(e) : down(e));
        }
        return String.join("; ", parts);
    }

    /** One event as the summary tells it. */
    static String event(ScalingEvent e) {
        return e.up() ? up(e) : down(e);
    }

    private static String up(ScalingEvent e) {
        StringBuilder s = new StringBuilder("scaled " + e.from() + " → " + e.to() + " replicas");
        if (e.firstServingSeconds() == null) {
            s.append("; no new replica became Ready");
        } else {
            s.append("; first new replica serving ").append(HumanTime.of(e.firstServingSeconds())).append(' ')
                    .append(ExpectationRows.after(e)).append(ExpectationRows.breakdown(e));
            if (e.to() - e.from() > 1 && e.totalSeconds() != null) {
                s.append("; all ").append(e.to()).append(" Ready after ").append(HumanTime.of(e.totalSeconds()));
            } else if (e.totalSeconds() == null) {
                s.append("; not all ").append(e.to()).append(" Ready in the end");
            }
        }
        s.append(latency(e.latency()));
        return s.toString();
    }

    private static String down(ScalingEvent e) {
        String base = "scaled down " + e.from() + " → " + e.to() + " replicas";
        if (e.totalSeconds() == null) {
            return base + " (not done in the end)";
        }
        return base + " " + HumanTime.of(e.totalSeconds()) + " " + ExpectationRows.after(e)
                + (e.decisionSeconds() == null ? "" : " (decision " + HumanTime.of(e.decisionSeconds()) + ")")
                + (e.latency() != null && e.latency().degradedAtSeconds() != null ? latency(e.latency()) : "");
    }

    private static String latency(LatencyEffect l) {
        if (l == null) {
            return "";
        }
        if (l.degradedAtSeconds() == null) {
            return "; " + l.metric() + " stayed Normal";
        }
        // "Degraded for 15 s" when it was Degraded throughout; a Breach is named as the worst point, not the span.
        String state = Tier.BREACH.label().equals(l.worstTier())
                ? " above its SLO %s (Breach at worst: " + HumanTime.of(l.worstMs() / 1000) + ")"
                : " " + l.worstTier() + " %s";
        if (l.recoveredAtSeconds() == null) {
            return "; " + l.metric() + state.formatted("from " + HumanTime.of(l.degradedAtSeconds()) + " on")
                    + ", not recovered";
        }
        return "; " + l.metric() + state.formatted("for " + HumanTime.of(l.degradedSeconds())) + ", then Normal";
    }
}
