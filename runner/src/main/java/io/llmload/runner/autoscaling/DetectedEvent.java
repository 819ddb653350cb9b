package io.llmload.runner.autoscaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A scaling event found in the replica points: one or more changes of the desired replicas in the same direction
 * that answer the same load change (or, without one before them, that follow each other). Times in seconds from the
 * run's start; those not reached are null.
 *
 * @param trigger the latest load change at or before the first decision, if it went the same way; else null
 * @param firstReadyAt scale-up: the first point with more Ready replicas than before the decision
 * @param completedAt the first point after the last decision where Ready reached {@code to} (scale-up: all new
 *     replicas Ready; scale-down: the extra ones gone)
 */
record DetectedEvent(boolean up, int from, int to, LoadChange trigger, double decidedAt, double lastDecidedAt,
        Double firstReadyAt, Double completedAt) {

    /** Where the event's clock starts: the load change, else the decision. */
    double startedAt() {
        return trigger != null ? trigger.atSeconds() : decidedAt;
    }

    static List<DetectedEvent> detect(List<ReplicaPoint> points, List<LoadChange> changes) {
        List<int[]> spans = new ArrayList<>(); // [first decision index, last decision index]
        List<Boolean> directions = new ArrayList<>();
        List<LoadChange> triggers = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            int before = points.get(i - 1).desired();
            int now = points.get(i).desired();
            if (now == before) {
                continue;
            }
            boolean up = now > before;
            LoadChange trigger = latestAtOrBefore(changes, points.get(i).at());
            if (trigger != null && trigger.rise() != up) {
                trigger = null;
            }
            int last = spans.size() - 1;
            if (last >= 0 && directions.get(last) == up && Objects.equals(triggers.get(last), trigger)) {
                spans.get(last)[1] = i;
            } else {
                spans.add(new int[] { i, i });
                directions.add(up);
                triggers.add(trigger);
            }
        }
        List<DetectedEvent> events = new ArrayList<>();
        for (int e = 0; e < spans.size(); e++) {
            int first = spans.get(e)[0];
            int last = spans.get(e)[1];
            int bound = e + 1 < spans.size() ? spans.get(e + 1)[0] : points.size() - 1;
            events.add(complete(points, directions.get(e), triggers.get(e), first, last, bound));
        }
        return events;
    }

    private static DetectedEvent complete(List<ReplicaPoint> points, boolean up, LoadChange trigger, int first,
            int last, int bound) {
        int from = points.get(first - 1).desired();
        int to = points.get(last).desired();
        int readyBefore = points.get(first - 1).ready();
        Double firstReady = null;
        Double completed = null;
        for (int i = first; i <= bound; i++) {
            ReplicaPoint p = points.get(i);
            if (up && firstReady == null && p.ready() > readyBefore) {
                firstReady = p.at();
            }
            if (i >= last && completed == null && (up ? p.ready() >= to : p.ready() <= to)) {
                completed = p.at();
            }
        }
        return new DetectedEvent(up, from, to, trigger, points.get(first).at(), points.get(last).at(), firstReady,
                completed);
    }

    private static LoadChange latestAtOrBefore(List<LoadChange> changes, double at) {
        LoadChange latest = null;
        for (LoadChange c : changes) {
            if (c.atSeconds() <= at) {
                latest = c;
            }
        }
        return latest;
    }
}
