package io.llmload.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.llmload.operator.status.StatusLimits;
import io.llmload.runner.autoscaling.AutoscalingReport;
import io.llmload.runner.autoscaling.ScalingEvent;
import io.llmload.runner.report.SloResult;
import java.util.List;

/**
 * spec.autoscaling's outcome, compact: the replicas seen, each scaling event with its latencies, the expectation
 * rows and the summary sentence. The timeline, the windows and the latency effects in full are in the report
 * ConfigMap ({@code autoscaling}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AutoscalingStatus(
        @JsonPropertyDescription("Where the replica timeline came from (informers on the workload and autoscaler).") String source,
        @JsonPropertyDescription("Replica readings recorded.") Integer samples,
        @JsonPropertyDescription("Fewest Ready replicas of any reading.") Integer minReady,
        @JsonPropertyDescription("Most desired replicas of any reading.") Integer maxDesired,
        @JsonPropertyDescription("Most Ready replicas of any reading.") Integer maxReady,
        @JsonPropertyDescription("Scale-ups found.") Integer scaleUps,
        @JsonPropertyDescription("Scale-downs found.") Integer scaleDowns,
        @Size(max = StatusLimits.SCALING_EVENTS)
        @JsonPropertyDescription("The scaling events, in order, with their latencies in seconds.") List<ScalingEventStatus> events,
        @Size(max = StatusLimits.SLO)
        @JsonPropertyDescription("spec.autoscaling.expect, each item checked: target, observed (seconds, replicas or "
                + "a tier: 0 Normal, 1 Degraded, 2 Breach), met, and what happened.") List<ExpectationStatus> expectations,
        @JsonPropertyDescription("What happened, in one sentence.") String summary) {

    /** One scaling event. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScalingEventStatus(
            @JsonPropertyDescription("up or down.") String direction,
            @JsonPropertyDescription("Replicas before.") Integer from,
            @JsonPropertyDescription("Replicas asked for at the end of the event.") Integer to,
            @JsonPropertyDescription("The stage the load changed in (or the event began in).") String stage,
            @JsonPropertyDescription("Load change to the autoscaler's decision.") Double decisionSeconds,
            @JsonPropertyDescription("Decision to the first new replica Ready (up: usually the model load), or to "
                    + "the replicas gone (down).") Double provisioningSeconds,
            @JsonPropertyDescription("Load change to every replica asked for Ready (up) or gone (down): what "
                    + "scaleUpWithin / scaleDownWithin judge; absent when it never completed.") Double totalSeconds,
            @JsonPropertyDescription("How long the latency objective stayed outside Normal.") Double degradedSeconds) {

        static ScalingEventStatus of(ScalingEvent e) {
            return new ScalingEventStatus(e.direction(), e.from(), e.to(), e.stage(), e.decisionSeconds(),
                    e.provisioningSeconds(), e.totalSeconds(),
                    e.latency() == null ? null : e.latency().degradedSeconds());
        }
    }

    /** One spec.autoscaling.expect item, as in report.json's slo[] (scope autoscaling). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExpectationStatus(
            @JsonPropertyDescription("The expect field, e.g. scaleUpWithin.") String metric,
            @JsonPropertyDescription("Target as written.") String target,
            @JsonPropertyDescription("Observed value.") Double observed,
            @JsonPropertyDescription("Whether it was met.") Boolean met,
            @JsonPropertyDescription("What happened, in words.") String detail) {

        static ExpectationStatus of(SloResult r) {
            return new ExpectationStatus(r.metric(), r.target(), r.observed(), r.met(), r.detail());
        }
    }

    /**
     * The compact form of a report's section; null without one.
     *
     * @param rows the report's slo[] rows; the expectation rows (scope autoscaling) are kept
     */
    public static AutoscalingStatus of(Object section, List<SloResult> rows) {
        if (!(section instanceof AutoscalingReport a)) {
            return null;
        }
        AutoscalingReport.Replicas r = a.replicas();
        return new AutoscalingStatus(a.source(), a.samples(), r == null ? null : r.minReady(),
                r == null ? null : r.maxDesired(), r == null ? null : r.maxReady(),
                (int) a.events().stream().filter(ScalingEvent::up).count(),
                (int) a.events().stream().filter(e -> !e.up()).count(),
                a.events().stream().map(ScalingEventStatus::of).toList(),
                rows.stream().filter(row -> EXPECT_SCOPE.equals(row.scope())).map(ExpectationStatus::of).toList(),
                a.summary());
    }

    /** The same status with other events and rows (the status shows a bounded number). */
    public AutoscalingStatus with(List<ScalingEventStatus> shownEvents, List<ExpectationStatus> shownRows) {
        return new AutoscalingStatus(source, samples, minReady, maxDesired, maxReady, scaleUps, scaleDowns,
                shownEvents, shownRows, summary);
    }

    /** The slo[] scope of the expectation rows (the windows' rows are {@code autoscaling:<window>}). */
    static final String EXPECT_SCOPE = "autoscaling";
}
