package io.llmload.runner.autoscaling;

import io.llmload.runner.report.SloResult;
import io.llmload.runner.slo.Tier;
import io.llmload.runner.spec.AutoscalingSpec.ScalingExpectations;
import io.llmload.runner.spec.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Each item of {@code spec.autoscaling.expect} as one slo[] row (scope {@value #SCOPE}) with what was observed and,
 * in {@code detail}, what happened in words. What could not be observed is not met: no replica readings, a
 * scale-up that never came or never finished, a scale-down that never happened after the load dropped.
 */
final class ExpectationRows {

    static final String SCOPE = "autoscaling";

    private final List<ReplicaPoint> points;
    private final List<ScalingEvent> events;
    private final List<LoadChange> changes;
    private final double runEnd;
    private final String noData;

    /** @param noData why there are no readings (used only when {@code points} is empty) */
    ExpectationRows(List<ReplicaPoint> points, List<ScalingEvent> events, List<LoadChange> changes, double runEnd,
            String noData) {
        this.points = points;
        this.events = events;
        this.changes = changes;
        this.runEnd = runEnd;
        this.noData = noData;
    }

    List<SloResult> rows(ScalingExpectations expect, List<ScalingWindow> windows) {
        List<SloResult> rows = new ArrayList<>();
        if (expect == null) {
            return rows;
        }
        if (expect.scaleUpWithin() != null) {
            rows.add(scaleUp(expect.scaleUpWithin()));
        }
        if (expect.scaleDownWithin() != null) {
            rows.add(scaleDown(expect.scaleDownWithin()));
        }
        if (expect.minReplicas() != null) {
            rows.add(minReplicas(expect.minReplicas()));
        }
        if (expect.maxReplicas() != null) {
            rows.add(maxReplicas(expect.maxReplicas()));
        }
        if (expect.sloDuringScaleUp() != null) {
            rows.add(sloDuringScaleUp(expect.sloDuringScaleUp(), windows));
        }
        return rows;
    }

    private SloResult scaleUp(String within) {
        double limit = seconds(within);
        if (points.isEmpty()) {
            return missing("scaleUpWithin", within, limit);
        }
        List<ScalingEvent> ups = events.stream().filter(ScalingEvent::up).toList();
        if (ups.isEmpty()) {
            return row("scaleUpWithin", within, limit, null, false, "never scaled up: " + steadyReplicas());
        }
        ScalingEvent unfinished = ups.stream().filter(e -> e.totalSeconds() == null).findFirst().orElse(null);
        if (unfinished != null) {
            double took = runEnd - started(unfinished);
            boolean superseded = events.indexOf(unfinished) < events.size() - 1;
            return row("scaleUpWithin", within, limit, round(took), false, unfinished.from() + " → "
                    + unfinished.to() + ": not all " + unfinished.to() + " replicas Ready "
                    + (superseded ? "before the next scaling decision" : "by the end of the run, " + HumanTime.of(took)
                            + " " + after(unfinished)));
        }
        ScalingEvent slowest = ups.stream().max(Comparator.comparingDouble(ScalingEvent::totalSeconds)).orElseThrow();
        double observed = slowest.totalSeconds();
        String detail = slowest.from() + " → " + slowest.to() + " replicas Ready " + HumanTime.of(observed) + " "
                + after(slowest) + breakdown(slowest);
        return row("scaleUpWithin", within, limit, round(observed), observed <= limit, detail);
    }

    private SloResult scaleDown(String within) {
        double limit = seconds(within);
        if (points.isEmpty()) {
            return missing("scaleDownWithin", within, limit);
        }
        ScalingEvent firstUp = events.stream().filter(ScalingEvent::up).findFirst().orElse(null);
        if (firstUp == null) {
            return row("scaleDownWithin", within, limit, null, true, "nothing to scale down: never scaled up");
        }
        int baseline = firstUp.from();
        double observed = 0;
        ScalingEvent slowest = null;
        for (LoadChange drop : changes) {
            if (drop.rise() || drop.atSeconds() <= firstUp.decidedAtSeconds() || desiredAt(drop.atSeconds()) <= baseline) {
                continue;
            }
            ScalingEvent down = events.stream().filter(e -> !e.up() && Objects.equals(e.loadChangedAtSeconds(),
                    drop.atSeconds())).findFirst().orElse(null);
            if (down == null) {
                ReplicaPoint last = points.get(points.size() - 1);
                return row("scaleDownWithin", within, limit, null, false, "did not scale down after the load dropped "
                        + HumanTime.at(drop.atSeconds()) + ": " + last.desired() + " desired, " + last.ready()
                        + " Ready at the end");
            }
            if (down.totalSeconds() == null) {
                double took = runEnd - drop.atSeconds();
                return row("scaleDownWithin", within, limit, round(took), false, down.from() + " → " + down.to()
                        + " not done by the end of the run, " + HumanTime.of(took) + " after the load dropped");
            }
            if (slowest == null || down.totalSeconds() > observed) {
                slowest = down;
                observed = down.totalSeconds();
            }
        }
        if (slowest == null) {
            return row("scaleDownWithin", within, limit, null, false, "the load never dropped while scaled up");
        }
        return row("scaleDownWithin", within, limit, round(observed), observed <= limit, slowest.from() + " → "
                + slowest.to() + " replicas " + HumanTime.of(observed) + " after the load dropped (decision "
                + HumanTime.of(slowest.decisionSeconds()) + ")");
    }

    private SloResult minReplicas(int min) {
        if (points.isEmpty()) {
            return missing("minReplicas", ">= " + min, min);
        }
        ReplicaPoint lowest = points.stream().min((a, b) -> Integer.compare(a.ready(), b.ready())).orElseThrow();
        boolean met = lowest.ready() >= min;
        String detail = met ? "Ready replicas never below " + lowest.ready()
                : "Ready replicas dropped to " + lowest.ready() + " " + HumanTime.at(lowest.at());
        return row("minReplicas", ">= " + min, min, (double) lowest.ready(), met, detail);
    }

    private SloResult maxReplicas(int max) {
        if (points.isEmpty()) {
            return missing("maxReplicas", "<= " + max, max);
        }
        ReplicaPoint highest = points.stream()
                .max((a, b) -> Integer.compare(Math.max(a.desired(), a.ready()), Math.max(b.desired(), b.ready())))
                .orElseThrow();
        int peak = Math.max(highest.desired(), highest.ready());
        String detail = "peaked at " + peak + (peak == highest.desired() ? " desired " : " Ready ")
                + HumanTime.at(highest.at());
        return row("maxReplicas", "<= " + max, max, (double) peak, peak <= max, detail);
    }

    private SloResult sloDuringScaleUp(String tolerated, List<ScalingWindow> windows) {
        Tier tolerance = "Pass".equals(tolerated) ? Tier.NORMAL : Tier.DEGRADED;
        String target = "<= " + tolerance.label();
        Tier worst = null;
        ScalingWindow where = null;
        for (ScalingWindow w : windows) {
            if (w.kind().equals(ScalingWindow.SCALE_UP) && w.results() != null) {
                Tier tier = Tier.valueOf(w.results().tier().toUpperCase(Locale.ROOT));
                if (worst == null || tier.ordinal() > worst.ordinal()) {
                    worst = tier;
                    where = w;
                }
            }
        }
        if (worst == null) {
            return row("sloDuringScaleUp", target, tolerance.ordinal(), null, true, "no scale-up window");
        }
        return row("sloDuringScaleUp", target, tolerance.ordinal(), (double) worst.ordinal(),
                worst.ordinal() <= tolerance.ordinal(), worst.label() + " during " + where.name() + " (tier: 0 Normal, "
                        + "1 Degraded, 2 Breach)");
    }

    private String steadyReplicas() {
        ReplicaPoint first = points.get(0);
        boolean readySteady = points.stream().allMatch(p -> p.ready() == first.ready());
        return first.desired() + " desired" + (readySteady ? ", " + first.ready() + " Ready" : "") + " throughout the run";
    }

    private int desiredAt(double at) {
        int desired = points.get(0).desired();
        for (ReplicaPoint p : points) {
            if (p.at() > at) {
                break;
            }
            desired = p.desired();
        }
        return desired;
    }

    private static double started(ScalingEvent e) {
        return e.loadChangedAtSeconds() != null ? e.loadChangedAtSeconds() : e.decidedAtSeconds();
    }

    static String after(ScalingEvent e) {
        if (e.loadChangedAtSeconds() == null) {
            return "after the decision";
        }
        if (!e.up()) {
            return "after the load dropped";
        }
        return e.loadChangedAtSeconds() == 0 ? "after the load started" : "after the load step";
    }

    /** " (decision 4.1 s, model load 10 s)" as far as known. */
    static String breakdown(ScalingEvent e) {
        List<String> parts = new ArrayList<>();
        if (e.decisionSeconds() != null) {
            parts.add("decision " + HumanTime.of(e.decisionSeconds()));
        }
        if (e.provisioningSeconds() != null) {
            parts.add("model load " + HumanTime.of(e.provisioningSeconds()));
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private SloResult missing(String metric, String target, double targetValue) {
        return row(metric, target, targetValue, null, false, noData);
    }

    private static SloResult row(String metric, String target, double targetValue, Double observed, boolean met,
            String detail) {
        return new SloResult(SCOPE, metric, target, targetValue, observed, met, detail);
    }

    private static double seconds(String duration) {
        return Durations.parseOr(duration, Duration.ZERO).toMillis() / 1000.0;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
