package io.llmload.runner.autoscaling;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One scale-up or scale-down as report.json's {@code autoscaling.events[]} shows it. Times ({@code ...AtSeconds})
 * are seconds from the run's start, durations ({@code ...Seconds}) seconds; each is precise to one poll of the
 * replica source. Null: not reached (or, for the load change, none before the decision).
 *
 * @param direction up or down
 * @param stage the stage that changed the load (else the one running at the decision)
 * @param loadChangedAtSeconds the stage boundary where the load rose (up) or dropped (down)
 * @param decidedAtSeconds the first reading with the new desired replicas
 * @param firstReadyAtSeconds up: the first reading with more Ready replicas than before
 * @param completedAtSeconds up: all {@code to} replicas Ready; down: Ready down to {@code to}
 * @param decisionSeconds from the load change to the decision (the autoscaler's reaction)
 * @param provisioningSeconds up: from the decision to the first new replica Ready (the model load); down: from the
 *     decision to the replicas gone
 * @param firstServingSeconds up: from the load change (else the decision) to the first new replica Ready
 * @param totalSeconds from the load change (else the decision) to completion: what scaleUpWithin and
 *     scaleDownWithin judge
 * @param latency what users saw meanwhile (up: from the load change; down: from the decision)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScalingEvent(String direction, int from, int to, String stage, Double loadChangedAtSeconds,
        double decidedAtSeconds, Double firstReadyAtSeconds, Double completedAtSeconds, Double decisionSeconds,
        Double provisioningSeconds, Double firstServingSeconds, Double totalSeconds, LatencyEffect latency) {

    public static final String UP = "up";
    public static final String DOWN = "down";

    public boolean up() {
        return UP.equals(direction);
    }

    /** The event as the summary sentence tells it, e.g. for a Kubernetes Event. */
    public String sentence() {
        return ScalingSummary.event(this);
    }

    static ScalingEvent of(DetectedEvent e, String stage, LatencyEffect latency) {
        Double changed = e.trigger() == null ? null : e.trigger().atSeconds();
        double start = e.startedAt();
        Double provisioning = e.up() ? minus(e.firstReadyAt(), e.decidedAt()) : minus(e.completedAt(), e.decidedAt());
        return new ScalingEvent(e.up() ? UP : DOWN, e.from(), e.to(), stage, changed, e.decidedAt(),
                e.firstReadyAt(), e.completedAt(), minus(e.decidedAt(), changed), provisioning,
                e.up() ? minus(e.firstReadyAt(), start) : null, minus(e.completedAt(), start), latency);
    }

    private static Double minus(Double a, Double b) {
        return a == null || b == null ? null : Math.round((a - b) * 1000) / 1000.0;
    }
}
